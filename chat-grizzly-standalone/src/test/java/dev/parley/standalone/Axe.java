package dev.parley.standalone;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The accessibility audit of the browser tests: Deque's axe-core (from its WebJar, a test dependency)
 * run in the page against WCAG 2.1 A and AA. {@link #seriousViolations} answers what axe rates
 * {@code serious} or {@code critical}, one readable line per rule and element, so that a failing test
 * says what to fix (the rule, the element's selector and axe's own explanation, e.g. the contrast found).
 */
final class Axe {
    private static final String SOURCE = load();

    private Axe() {
    }

    private static String load() {
        try (InputStream props = Axe.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            if (props == null) {
                throw new IllegalStateException("axe-core's WebJar is not on the test class path");
            }
            Properties p = new Properties();
            p.load(props);
            String path = "/META-INF/resources/webjars/axe-core/" + p.getProperty("version") + "/axe.min.js";
            try (InputStream js = Axe.class.getResourceAsStream(path)) {
                if (js == null) {
                    throw new IllegalStateException("no " + path + " in axe-core's WebJar");
                }
                return new String(js.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe over the whole document as it is now (open dialogs and panels included) and returns the
     * serious and critical violations, each as {@code rule: selector: explanation}; empty when there is none.
     */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(SOURCE);
        }
        Object out = js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                        + "  resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + "  .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ': '"
                        + "    + (n.failureSummary || v.help).replace(/\\s+/g, ' ')))),"
                        + "  e => done(['axe failed: ' + e]));");
        return (List<String>) out;
    }

    /** The violations as lines for an assertion's message. */
    static String describe(List<String> violations) {
        return violations.stream().collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
