package dev.parley.standalone;

import dev.parley.core.ChatConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two people chatting through the web page in two headless Chromium sessions against a
 * {@link StandaloneServer}. Runs only with {@code PARLEY_TEST_BROWSER} set and Debian's
 * {@code chromium} and {@code chromium-driver} installed.
 */
class BrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Not the contract's default of 4000, so that the page shows it took the limit from the server. */
    private static final int TEXT_LIMIT = 2500;

    @TempDir
    Path work;
    private StandaloneServer server;
    private final List<WebDriver> drivers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        assumeTrue(System.getenv("PARLEY_TEST_BROWSER") != null,
                "set PARLEY_TEST_BROWSER=1 (with 'apt-get install -y chromium chromium-driver') to run the browser tests");
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "install Debian's chromium and chromium-driver to run the browser tests");
        server = StandaloneServer.create(StandaloneConfig.builder()
                .port(0)
                .dataDir(work.resolve("data"))
                // not the default 4000: the page must take the limit from the server (GET /api/config)
                .chat(ChatConfig.builder().passwordHashCost(4).maxTextLength(TEXT_LIMIT).build())
                .build()).start();
    }

    @AfterEach
    void stop() {
        drivers.forEach(WebDriver::quit);
        if (server != null) {
            server.close();
        }
    }

    private WebDriver browser(String name) throws IOException {
        return browser(name, "1280,860");
    }

    private WebDriver browser(String name, String windowSize) throws IOException {
        Path profile = Files.createDirectories(work.resolve("profile-" + name));
        Path downloads = Files.createDirectories(work.resolve("downloads-" + name));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + windowSize);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        drivers.add(driver);
        return driver;
    }

    private static Path downloads(Path work, String name) {
        return work.resolve("downloads-" + name);
    }

    private static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    private void register(WebDriver driver, String username) {
        driver.get(server.url().toString());
        waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys(username);
        driver.findElement(By.id("login-password")).sendKeys("password-of-" + username);
        driver.findElement(By.id("register-button")).click();
        waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        waitFor(driver).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        waitFor(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "general"));
    }

    private static void say(WebDriver driver, String text) {
        WebElement input = driver.findElement(By.id("message-input"));
        input.sendKeys(text);
        driver.findElement(By.id("send-button")).click();
    }

    /** The item of the stored message whose text is exactly {@code text}, once it is shown: its data attributes. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> message(WebDriver driver, String text) {
        // Read in the page in one go: the list is re-rendered as messages arrive, so element handles go stale.
        return waitFor(driver).withMessage("a message \"" + text + "\"").until(d -> (Map<String, String>) ((JavascriptExecutor) d).executeScript(
                "const li = [...document.querySelectorAll('#message-list li.message[data-seq]')]"
                        + ".find(li => li.querySelector('.text') && li.querySelector('.text').textContent === arguments[0]);"
                        + "return li ? {from: li.dataset.from, kind: li.dataset.kind, seq: li.dataset.seq} : null;", text));
    }

    @Test
    void twoPeopleChatShareAFileAndWriteDirectly() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        assertEquals(String.valueOf(TEXT_LIMIT), bob.findElement(By.id("message-input")).getAttribute("maxlength"),
                "the composer's limit is the server's, not a copy of the contract's default");

        say(alice, "Hello Bob, welcome to Parley");
        message(bob, "Hello Bob, welcome to Parley");
        say(bob, "Hi Alice!");
        assertEquals("bobby", message(alice, "Hi Alice!").get("from"));

        // Markup in a message is text: no element, no script run, in the other person's page.
        String markup = "<script>window.parleyPwned = true</script><b>not bold</b>";
        say(alice, markup);
        message(bob, markup);
        JavascriptExecutor bobJs = (JavascriptExecutor) bob;
        assertEquals(Boolean.TRUE, bobJs.executeScript("return window.parleyPwned === undefined"));
        assertEquals(0L, bobJs.executeScript("return document.querySelectorAll('#message-list .text b, #message-list .text script').length"));

        // Alice shares a file; Bob downloads it from the message.
        Path notes = work.resolve("notes.txt");
        Files.writeString(notes, "minutes of the meeting\n", StandardCharsets.UTF_8);
        alice.findElement(By.id("file-input")).sendKeys(notes.toAbsolutePath().toString());
        waitFor(bob).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement link = d.findElements(By.cssSelector("#message-list button.file-link")).stream()
                    .filter(b -> b.getText().contains("notes.txt")).findFirst().orElse(null);
            if (link == null) {
                return false;
            }
            link.click();
            return true;
        });
        assertEquals(0L, bobJs.executeScript("return document.querySelectorAll('#message-list .kind-label').length"),
                "no developer labels (CHAT, FILE SHARED) on the bubbles");
        assertEquals(1L, bobJs.executeScript("const li = [...document.querySelectorAll('#message-list li[data-kind=FILE_SHARED]')].pop();"
                + "return (li.textContent.match(/notes\\.txt/g) || []).length"), "the file's name is shown once, on its card");
        assertEquals("Public room", bob.findElement(By.id("room-subtitle")).getText());
        Path downloaded = downloads(work, "bobby").resolve("notes.txt");
        new FluentWait<>(downloaded).withTimeout(WAIT).pollingEvery(Duration.ofMillis(200))
                .withMessage("Bob's download of notes.txt")
                .until(p -> Files.isRegularFile(p) && fileSize(p) > 0);
        assertEquals("minutes of the meeting\n", Files.readString(downloaded, StandardCharsets.UTF_8));

        // A direct message from Alice reaches Bob's list of conversations.
        alice.findElement(By.id("new-dm-username")).sendKeys("bobby");
        alice.findElement(By.id("new-dm-button")).click();
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "@bobby"));
        say(alice, "just between us");
        waitFor(bob).ignoring(StaleElementReferenceException.class).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#dm-list button.room-item[data-room-id='dm.alice.bobby']"))).click();
        assertEquals("PRIVATE", message(bob, "just between us").get("kind"));

        // The general room again, for the picture.
        alice.findElement(By.cssSelector("#room-list button.room-item[data-room-id='general']")).click();
        message(alice, "Hi Alice!");
        screenshot(alice);
    }

    @Test
    void aDirectMessageToNobodyIsRefusedBesideTheFieldAndTheNextWordsStayThere() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        register(browser("bobby"), "bobby");
        alice.findElement(By.id("new-dm-username")).sendKeys("bobby");
        alice.findElement(By.id("new-dm-button")).click();
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "@bobby"));

        WebElement field = alice.findElement(By.id("new-dm-username"));
        field.sendKeys("nobody");
        alice.findElement(By.id("new-dm-button")).click();
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("new-dm-error"), "No user named nobody"));
        assertEquals("true", field.getAttribute("aria-invalid"));
        assertEquals("new-dm-username", alice.switchTo().activeElement().getAttribute("id"),
                "the field keeps the focus, so the next words do not go to the open conversation");
        alice.switchTo().activeElement().sendKeys("nobody2");
        assertEquals("", alice.findElement(By.id("message-input")).getAttribute("value"));
        assertEquals("nobody2", field.getAttribute("value"), "the refused name was selected and is replaced");
        assertTrue(alice.findElement(By.id("room-title")).getText().contains("@bobby"), "the header names where a message goes");
        assertEquals("", alice.findElement(By.id("new-dm-error")).getText(), "typing clears the refusal");
    }

    @Test
    void composerIsAtLeastOneLineTallAfterLoginOnAPhone() throws IOException {
        WebDriver phone = browser("phone", "390,844");
        register(phone, "phoebe");
        Map<?, ?> box = (Map<?, ?>) ((JavascriptExecutor) phone).executeScript(
                "const t = document.getElementById('message-input'); const cs = getComputedStyle(t);"
                        + "return {height: t.getBoundingClientRect().height, line: parseFloat(cs.lineHeight),"
                        + " padding: parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom)};");
        double height = ((Number) box.get("height")).doubleValue();
        double oneLine = ((Number) box.get("line")).doubleValue() + ((Number) box.get("padding")).doubleValue();
        assertTrue(height >= oneLine, "the composer is " + height + " px tall, one line needs " + oneLine + " px");
    }

    @Test
    void docsPageRendersTheApiWithSwaggerUi() throws IOException {
        WebDriver reader = browser("reader");
        reader.get(server.url().resolve("/docs").toString());
        waitFor(reader).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".swagger-ui .info .title"), "Parley"));
        waitFor(reader).until(d -> !d.findElements(By.cssSelector(".swagger-ui .opblock-summary-path[data-path*='/rooms']")).isEmpty());
    }

    private static long fileSize(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void screenshot(WebDriver driver) throws IOException {
        Path dir = Path.of(System.getProperty("parley.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = dir.resolve("chat.png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 10_000, "a real screenshot");
    }
}
