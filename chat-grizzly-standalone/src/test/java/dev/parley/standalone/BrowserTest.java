package dev.parley.standalone;

import dev.parley.core.ChatConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import jakarta.json.Json;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every browser test of the page shares: a {@link StandaloneServer} on a random port of 127.0.0.1,
 * headless Chromium sessions (one profile each, closed after the test) and the steps people take in
 * the page (register, say, find a message). Each subclass ends in {@code IT} and holds one area of the
 * page. Runs only with {@code PARLEY_TEST_BROWSER} set and Debian's {@code chromium} and
 * {@code chromium-driver} installed; otherwise every test is skipped with a message.
 */
abstract class BrowserTest {
    protected static final Duration WAIT = Duration.ofSeconds(20);
    protected static final String CHROMIUM = "/usr/bin/chromium";
    protected static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Not the contract's default of 4000, so that the page shows it took the limit from the server. */
    protected static final int TEXT_LIMIT = 2500;

    @TempDir
    Path work;
    protected StandaloneServer server;
    protected final List<WebDriver> drivers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        assumeTrue(System.getenv("PARLEY_TEST_BROWSER") != null,
                "set PARLEY_TEST_BROWSER=1 (with 'apt-get install -y chromium chromium-driver') to run the browser tests");
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "install Debian's chromium and chromium-driver to run the browser tests");
        server = startServer(0);
    }

    /** This class's server on {@code port} (0: any free one) over the test's data directory. */
    protected StandaloneServer startServer(int port) throws IOException {
        return StandaloneServer.create(configure(StandaloneConfig.builder()
                .port(port)
                .dataDir(work.resolve("data"))
                // not the default 4000: the page must take the limit from the server (GET /api/config)
                .chat(chatConfig(ChatConfig.builder().passwordHashCost(4).maxTextLength(TEXT_LIMIT)).build()))
                .build()).start();
    }

    /** What a subclass adds to the server's configuration (TLS, ...); nothing by default. */
    protected StandaloneConfig.Builder configure(StandaloneConfig.Builder config) throws IOException {
        return config;
    }

    /** The engine's settings for this class's server; a subclass may change them (a benchmark lifts the send rate). */
    protected ChatConfig.Builder chatConfig(ChatConfig.Builder builder) {
        return builder;
    }

    /** Chromium's command-line switches a subclass adds; none by default. */
    protected List<String> chromiumArguments() {
        return List.of();
    }

    @AfterEach
    void stop() {
        drivers.forEach(WebDriver::quit);
        if (server != null) {
            server.close();
        }
    }

    protected WebDriver browser(String name) throws IOException {
        return browser(name, "1280,860");
    }

    protected WebDriver browser(String name, String windowSize) throws IOException {
        Path profile = Files.createDirectories(work.resolve("profile-" + name));
        Path downloads = Files.createDirectories(work.resolve("downloads-" + name));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + windowSize);
        options.addArguments(chromiumArguments());
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        drivers.add(driver);
        return driver;
    }

    protected static Path downloads(Path work, String name) {
        return work.resolve("downloads-" + name);
    }

    protected static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    protected void register(WebDriver driver, String username) {
        driver.get(server.url().toString());
        waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys(username);
        driver.findElement(By.id("login-password")).sendKeys("password-of-" + username);
        driver.findElement(By.id("register-button")).click();
        waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        waitFor(driver).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        waitFor(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "general"));
    }

    protected static void say(WebDriver driver, String text) {
        WebElement input = driver.findElement(By.id("message-input"));
        input.sendKeys(text);
        driver.findElement(By.id("send-button")).click();
    }

    /** The item of the stored message whose text is exactly {@code text}, once it is shown: its data attributes. */
    @SuppressWarnings("unchecked")
    protected static Map<String, String> message(WebDriver driver, String text) {
        // Read in the page in one go: the list is re-rendered as messages arrive, so element handles go stale.
        return waitFor(driver).withMessage("a message \"" + text + "\"").until(d -> (Map<String, String>) ((JavascriptExecutor) d).executeScript(
                "const li = [...document.querySelectorAll('#message-list li.message[data-seq]')]"
                        + ".find(li => li.querySelector('.text') && li.querySelector('.text').textContent === arguments[0]);"
                        + "return li ? {from: li.dataset.from, kind: li.dataset.kind, seq: li.dataset.seq} : null;", text));
    }

    protected static JavascriptExecutor js(WebDriver driver) {
        return (JavascriptExecutor) driver;
    }

    protected static void click(WebDriver driver, By by) {
        waitFor(driver).ignoring(StaleElementReferenceException.class).ignoring(ElementNotInteractableException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    protected static void awaitEquals(WebDriver driver, String expected, Function<WebDriver, String> actual, String what) {
        String[] last = {null};
        try {
            waitFor(driver).until(d -> expected.equals(last[0] = actual.apply(d)));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(expected, last[0], what);
        }
    }

    /** Inserts text as a paste does: through the browser's editing, which a maxlength would cut. */
    protected static void paste(WebDriver driver, String id, String text) {
        js(driver).executeScript("const t = document.getElementById(arguments[0]); t.focus();"
                + "t.setSelectionRange(t.value.length, t.value.length); document.execCommand('insertText', false, arguments[1]);",
                id, text);
    }

    protected static String value(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    protected static List<String> consoleErrors(WebDriver driver) {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                    && (e.getMessage().contains("401") || e.getMessage().contains("/api/me"))) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    protected static String token(Http http, String username) {
        Http.Reply login = http.post("/api/auth/login", null, Json.createObjectBuilder()
                .add("username", username).add("password", "password-of-" + username).build());
        assertEquals(200, login.status(), login.text());
        return login.object().getString("token");
    }

    /** Posts to general by REST, as a quoted reply or in a thread when given; the new message's id. */
    protected static String post(Http http, String token, String text, String replyTo, String thread) {
        var body = Json.createObjectBuilder().add("text", text);
        if (replyTo != null) {
            body.add("replyTo", Long.parseLong(replyTo));
        }
        if (thread != null) {
            body.add("thread", Long.parseLong(thread));
        }
        Http.Reply reply = http.post("/api/rooms/general/messages", token, body.build());
        assertEquals(201, reply.status(), reply.text());
        return String.valueOf(reply.object().getJsonNumber("id").longValue());
    }

    protected static long fileSize(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Saves a picture of the page as {@code name}.png under the screenshots directory of the build. */
    protected static void screenshot(WebDriver driver, String name) throws IOException {
        Path dir = Path.of(System.getProperty("parley.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = dir.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 10_000, "a real screenshot");
    }
}
