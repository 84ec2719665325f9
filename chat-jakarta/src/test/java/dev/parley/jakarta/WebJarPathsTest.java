package dev.parley.jakarta;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The web page imports its libraries (marked, DOMPurify) from WebJars by paths that carry their
 * versions; the versions come from the root pom. A version bump on one side only would leave the
 * page without its renderer: every {@code webjars/...} path the page names must be on the class path.
 */
class WebJarPathsTest {
    private static final Path PAGE = Path.of("src/main/resources/META-INF/resources");
    private static final Pattern WEBJAR = Pattern.compile("webjars/[A-Za-z0-9._/-]+\\.(?:js|css)");

    @Test
    void everyWebJarFileThePageNamesIsServed() throws IOException {
        List<String> named = new ArrayList<>();
        try (Stream<Path> files = Files.walk(PAGE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html")).toList()) {
                Matcher m = WEBJAR.matcher(Files.readString(f));
                while (m.find()) {
                    named.add(m.group());
                }
            }
        }
        assertFalse(named.isEmpty(), "the page names its WebJar files");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String path : named) {
            assertNotNull(loader.getResource("META-INF/resources/" + path), path + " is on the class path");
        }
    }
}
