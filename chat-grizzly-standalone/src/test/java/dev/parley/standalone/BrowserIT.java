package dev.parley.standalone;

import dev.parley.core.ChatConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jakarta.json.Json;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
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
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
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
        assertNull(bob.findElement(By.id("message-input")).getAttribute("maxlength"),
                "no maxlength on the composer: it would cut a long paste silently (the counter takes the server's limit)");

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

        alice.findElement(By.cssSelector("#room-list button.room-item[data-room-id='general']")).click();
        message(alice, "Hi Alice!");
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

    // ---- the message lifecycle: reactions, edits, deletions, threads, quoted replies ------------

    private static final String THUMBS = "\uD83D\uDC4D";
    private static final String PARTY = "\uD83C\uDF89";
    private static final String TIMELINE = "#message-list";
    private static final String THREAD = "#thread-panel";

    @Test
    void reactionsCountLiveForEveryoneAndHighlightTheReadersOwn() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        say(alice, "React to this, please");
        String id = bubbleId(bob, TIMELINE, "React to this, please");

        react(bob, TIMELINE, id, THUMBS);
        awaitEquals(alice, THUMBS + "1", d -> chips(d, TIMELINE, id), "Alice sees Bob's reaction live");
        chip(alice, id, THUMBS).click();
        awaitEquals(alice, THUMBS + "2*", d -> chips(d, TIMELINE, id), "Alice's own reaction is highlighted");
        awaitEquals(bob, THUMBS + "2*", d -> chips(d, TIMELINE, id), "Bob's too, on his page");
        chip(bob, id, THUMBS).click();
        awaitEquals(alice, THUMBS + "1*", d -> chips(d, TIMELINE, id), "Bob took his back");
        awaitEquals(bob, THUMBS + "1", d -> chips(d, TIMELINE, id), "Bob's chip is no longer his");

        // The picker is used from the keyboard, and Escape gives the focus back to its button.
        hover(alice, TIMELINE, id, "react");
        waitFor(alice).until(d -> THUMBS.equals(d.switchTo().activeElement().getAttribute("data-emoji")));
        alice.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        assertEquals("\u2764\uFE0F", alice.switchTo().activeElement().getAttribute("data-emoji"));
        alice.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(alice).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".picker"), 0));
        assertEquals("react", alice.switchTo().activeElement().getAttribute("data-action"));

        // Any emoji can be typed; the server's limit of 20 different ones is said on the message.
        hover(alice, TIMELINE, id, "react");
        WebElement field = waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".picker .picker-field")));
        field.sendKeys(":tada:", Keys.ENTER);
        awaitEquals(bob, THUMBS + "1," + ":tada:1", d -> chips(d, TIMELINE, id), "a typed reaction reaches Bob");
        Http http = new Http(server.url());
        String carol = http.login("carol");
        assertEquals(200, http.post("/api/rooms/general/join", carol, "").status());
        for (int i = 0; i < 18; i++) {
            assertEquals(204, http.put("/api/rooms/general/messages/" + id + "/reactions/r" + i, carol).status());
        }
        waitFor(alice).until(d -> chips(d, TIMELINE, id).split(",").length == 20);
        hover(alice, TIMELINE, id, "react");
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".picker .picker-field")))
                .sendKeys("one-more", Keys.ENTER);
        WebElement error = waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(TIMELINE + " li.message[data-id='" + id + "'] .msg-error")));
        assertTrue(error.getText().contains("at most 20"), error.getText());
    }

    @Test
    void editsAndDeletionsReachTheOtherPageLiveAndOnlyTheAuthorMayEdit() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        say(alice, "See you at the meeting on Tusday");
        String id = bubbleId(bob, TIMELINE, "See you at the meeting on Tusday");
        bubbleId(alice, TIMELINE, "See you at the meeting on Tusday");
        assertEquals(0L, js(bob).executeScript("return document.querySelectorAll(arguments[0]).length",
                TIMELINE + " li.message[data-id='" + id + "'] [data-action='edit'], "
                        + TIMELINE + " li.message[data-id='" + id + "'] [data-action='delete']"),
                "Bob may neither edit nor delete Alice's message");

        // Escape leaves the message as it was.
        hover(alice, TIMELINE, id, "edit");
        WebElement box = waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".edit-box")));
        box.sendKeys(" (draft)", Keys.ESCAPE);
        waitFor(alice).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".edit-box"), 0));
        bubbleId(alice, TIMELINE, "See you at the meeting on Tusday");

        hover(alice, TIMELINE, id, "edit");
        box = waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".edit-box")));
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), "See you at the meeting on Tuesday", Keys.ENTER);
        assertEquals(id, bubbleId(bob, TIMELINE, "See you at the meeting on Tuesday"), "the edit reaches Bob live");
        WebElement edited = bob.findElement(By.cssSelector(TIMELINE + " li.message[data-id='" + id + "'] .meta .edited"));
        assertEquals("(edited)", edited.getText());
        assertTrue(edited.getAttribute("title").startsWith("Edited "), "the edit time as a tooltip");

        hover(alice, TIMELINE, id, "delete");
        click(alice, By.cssSelector(TIMELINE + " li.message[data-id='" + id + "'] [data-action='delete-confirm']"));
        awaitEquals(bob, "This message was deleted", d -> text(d, TIMELINE, id), "Bob sees the placeholder live");
        assertEquals(0, bob.findElements(By.cssSelector(TIMELINE + " li.message[data-id='" + id + "'] .msg-actions")).size(),
                "nothing left to act on");
    }

    @Test
    void aThreadIsCountedOnItsRootAndAnsweredLiveInItsPanel() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby", "390,844"); // a phone: the thread covers the timeline
        register(alice, "alice");
        register(bob, "bobby");
        say(alice, "Where shall we have lunch?");
        String root = bubbleId(bob, TIMELINE, "Where shall we have lunch?");

        hover(bob, TIMELINE, root, "thread");
        waitFor(bob).until(ExpectedConditions.visibilityOfElementLocated(By.id("thread-panel")));
        Map<?, ?> cover = (Map<?, ?>) js(bob).executeScript("const p = document.getElementById('thread-panel').getBoundingClientRect();"
                + "const a = document.getElementById('message-area').getBoundingClientRect();"
                + "return {covers: p.left <= a.left + 1 && p.right >= a.right - 1 && p.top <= a.top + 1};");
        assertEquals(Boolean.TRUE, cover.get("covers"), "on a phone the thread covers the timeline");
        assertTrue(bob.findElement(By.id("thread-back")).isDisplayed(), "with a way back");
        bob.findElement(By.id("thread-input")).sendKeys("The new noodle place", Keys.ENTER);
        bubbleId(bob, THREAD, "The new noodle place");

        awaitEquals(alice, "1 reply", d -> repliesLink(d, root), "Alice sees the reply counted live on the root");
        assertEquals(0L, js(alice).executeScript("return [...document.querySelectorAll('#message-list .text')]"
                + ".filter(t => t.textContent === 'The new noodle place').length"), "a reply in a thread stays out of the timeline");
        click(alice, By.cssSelector(TIMELINE + " li.message[data-id='" + root + "'] .replies-link"));
        bubbleId(alice, THREAD, "The new noodle place");
        // The panel re-renders its root when the thread's page arrives: read it once it holds still.
        waitFor(alice).ignoring(StaleElementReferenceException.class).until(d -> "Where shall we have lunch?".equals(
                d.findElement(By.cssSelector("#thread-root li.message .text")).getText()));
        WebElement input = alice.findElement(By.id("thread-input"));
        assertEquals("thread-input", alice.switchTo().activeElement().getAttribute("id"), "the panel's composer has the focus");
        input.sendKeys("Count me in", Keys.ENTER);
        bubbleId(bob, THREAD, "Count me in");
        awaitEquals(alice, "2 replies", d -> repliesLink(d, root), "the count follows");

        alice.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(alice).until(ExpectedConditions.invisibilityOfElementLocated(By.id("thread-panel")));
        click(bob, By.id("thread-back"));
        waitFor(bob).until(ExpectedConditions.invisibilityOfElementLocated(By.id("thread-panel")));
        awaitEquals(bob, "2 replies", d -> repliesLink(d, root), "Bob's timeline counts both");
    }

    @Test
    void aQuotedReplyInADirectConversationShowsWhatItAnswers() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        alice.findElement(By.id("new-dm-username")).sendKeys("bobby");
        alice.findElement(By.id("new-dm-button")).click();
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "@bobby"));
        alice.findElement(By.id("message-input")).sendKeys("Which day suits you?", Keys.chord(Keys.SHIFT, Keys.ENTER),
                "I am free most of the week.", Keys.ENTER);
        click(bob, By.cssSelector("#dm-list button.room-item[data-room-id='dm.alice.bobby']"));
        String asked = bubbleId(bob, TIMELINE, "Which day suits you?\nI am free most of the week.");

        hover(bob, TIMELINE, asked, "reply");
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(By.id("reply-bar"), "alice"));
        assertEquals("message-input", bob.switchTo().activeElement().getAttribute("id"), "the composer takes the reply");
        say(bob, "Thursday");
        String reply = bubbleId(alice, TIMELINE, "Thursday");
        By quote = By.cssSelector(TIMELINE + " li.message[data-id='" + reply + "'] .quote");
        awaitEquals(alice, "alice: Which day suits you?", d -> quoteOf(d, reply), "the quote: author and first line");
        assertTrue(bob.findElement(By.id("reply-bar")).getAttribute("hidden") != null, "the reply bar goes once sent");
        click(alice, quote);
        waitFor(alice).until(d -> asked.equals(d.switchTo().activeElement().getAttribute("data-id")));

        react(alice, TIMELINE, reply, PARTY);
        awaitEquals(bob, PARTY + "1", d -> chips(d, TIMELINE, reply), "reactions in a direct conversation");
    }

    @Test
    void aReloadShowsEveryMessageAsItIsNow() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        Http http = new Http(server.url());
        String aliceToken = token(http, "alice");
        String bobToken = token(http, "bobby");
        String welcome = post(http, aliceToken, "Welcome to the project room!", null, null);
        String agenda = post(http, aliceToken, "Agenda for Thursday: the release, then the roadmap", null, null);
        String gone = post(http, bobToken, "Sorry, wrong room", null, null);
        String plan = post(http, bobToken, "I will bring the release notes", agenda, null);
        post(http, aliceToken, "Thanks, that helps a lot", null, plan);
        post(http, bobToken, "Draft is in the shared folder", null, plan);
        assertEquals(200, http.patch("/api/rooms/general/messages/" + welcome, aliceToken,
                Json.createObjectBuilder().add("text", "Welcome to the project room, everyone!").build()).status());
        assertEquals(204, http.delete("/api/rooms/general/messages/" + gone, bobToken).status());
        for (String[] r : new String[][] {{bobToken, welcome, THUMBS}, {aliceToken, agenda, THUMBS},
                {bobToken, agenda, THUMBS}, {bobToken, agenda, PARTY}}) {
            assertEquals(204, http.put("/api/rooms/general/messages/" + r[1] + "/reactions/"
                    + java.net.URLEncoder.encode(r[2], StandardCharsets.UTF_8), r[0]).status());
        }

        for (WebDriver d : List.of(alice, bob)) {
            d.navigate().refresh();
            waitFor(d).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
            bubbleId(d, TIMELINE, "Welcome to the project room, everyone!");
            assertEquals("(edited)", d.findElement(By.cssSelector(TIMELINE + " li.message[data-id='" + welcome + "'] .edited")).getText());
            assertEquals("This message was deleted", text(d, TIMELINE, gone));
            awaitEquals(d, "2 replies", x -> repliesLink(x, plan), "the reply count from history");
            assertEquals("alice: Agenda for Thursday: the release, then the roadmap", quoteOf(d, plan));
        }
        assertEquals(THUMBS + "2*," + PARTY + "1", chips(alice, TIMELINE, agenda), "Alice's own reaction highlighted, not Bob's");
        assertEquals(THUMBS + "2*," + PARTY + "1*", chips(bob, TIMELINE, agenda), "Bob's own reactions highlighted");
        assertEquals(THUMBS + "1", chips(alice, TIMELINE, welcome));
        assertEquals(0L, js(alice).executeScript("return [...document.querySelectorAll('#message-list .text')]"
                + ".filter(t => t.textContent === 'Draft is in the shared folder').length"), "thread replies stay in their thread");

        // The picture: reactions, an edited message, a quote and the thread panel open.
        click(alice, By.cssSelector(TIMELINE + " li.message[data-id='" + plan + "'] .replies-link"));
        bubbleId(alice, THREAD, "Draft is in the shared folder");
        alice.findElement(By.id("thread-input")).sendKeys("Great, I will review it tonight");
        new Actions(alice).moveToElement(alice.findElement(By.id("thread-title"))).perform(); // no hover toolbar
        screenshot(alice);
    }

    private static JavascriptExecutor js(WebDriver driver) {
        return (JavascriptExecutor) driver;
    }

    /** The id of the message item under {@code scope} whose own text is {@code text}, once it is shown. */
    private static String bubbleId(WebDriver driver, String scope, String text) {
        return waitFor(driver).withMessage("a message \"" + text + "\" in " + scope).until(d -> (String) js(d).executeScript(
                "const li = [...document.querySelectorAll(arguments[0] + ' li.message[data-id]')]"
                        + ".find(li => { const t = li.querySelector(':scope > .text'); return t && t.textContent === arguments[1]; });"
                        + "return li ? li.dataset.id : null;", scope, text));
    }

    /** The reaction chips of a message as "emoji count" items, a star on the reader's own: "👍2*,🎉1". */
    private static String chips(WebDriver driver, String scope, String id) {
        return (String) js(driver).executeScript("return [...document.querySelectorAll(arguments[0] + ' li.message[data-id=\"'"
                + " + arguments[1] + '\"] .reaction-chip')].map(c => c.querySelector('.reaction-emoji').textContent"
                + " + c.querySelector('.reaction-count').textContent + (c.getAttribute('aria-pressed') === 'true' ? '*' : ''))"
                + ".join(',')", scope, id);
    }

    private static String text(WebDriver driver, String scope, String id) {
        return (String) js(driver).executeScript("const t = document.querySelector(arguments[0] + ' li.message[data-id=\"'"
                + " + arguments[1] + '\"] > .text'); return t ? t.textContent : null;", scope, id);
    }

    /** "author: first line" of the quote on a message of the timeline. */
    private static String quoteOf(WebDriver driver, String id) {
        return (String) js(driver).executeScript("const q = document.querySelector('#message-list li.message[data-id=\"'"
                + " + arguments[0] + '\"] .quote'); if (!q) return null; const f = q.querySelector('.quote-from');"
                + "return (f ? f.textContent + ': ' : '') + q.querySelector('.quote-text').textContent;", id);
    }

    private static String repliesLink(WebDriver driver, String id) {
        return (String) js(driver).executeScript("const b = document.querySelector('#message-list li.message[data-id=\"'"
                + " + arguments[0] + '\"] .replies-link'); return b ? b.textContent : null;", id);
    }

    private static WebElement chip(WebDriver driver, String id, String emoji) {
        return waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                TIMELINE + " li.message[data-id='" + id + "'] .reaction-chip[data-emoji='" + emoji + "']")));
    }

    /** Points at a message, which shows its actions, and clicks one of them. */
    private static void hover(WebDriver driver, String scope, String id, String action) {
        waitFor(driver).ignoring(StaleElementReferenceException.class).ignoring(ElementNotInteractableException.class).until(d -> {
            WebElement li = d.findElement(By.cssSelector(scope + " li.message[data-id='" + id + "']"));
            new Actions(d).moveToElement(li).perform();
            li.findElement(By.cssSelector(":scope > .msg-actions [data-action='" + action + "']")).click();
            return true;
        });
    }

    /** Reacts to a message with one of the picker's common emoji. */
    private static void react(WebDriver driver, String scope, String id, String emoji) {
        hover(driver, scope, id, "react");
        click(driver, By.cssSelector(".picker .picker-emoji[data-emoji='" + emoji + "']"));
    }

    private static void click(WebDriver driver, By by) {
        waitFor(driver).ignoring(StaleElementReferenceException.class).ignoring(ElementNotInteractableException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    private static void awaitEquals(WebDriver driver, String expected, Function<WebDriver, String> actual, String what) {
        String[] last = {null};
        try {
            waitFor(driver).until(d -> expected.equals(last[0] = actual.apply(d)));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(expected, last[0], what);
        }
    }

    // ---- issue 17: the text limit, the console on load, the session per browser -------------

    /** Inserts text as a paste does: through the browser's editing, which a maxlength would cut. */
    private static void paste(WebDriver driver, String id, String text) {
        js(driver).executeScript("const t = document.getElementById(arguments[0]); t.focus();"
                + "t.setSelectionRange(t.value.length, t.value.length); document.execCommand('insertText', false, arguments[1]);",
                id, text);
    }

    private static String value(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    @Test
    void aTextOverTheLimitIsKeptWholeCountedAndNotSent() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        say(alice, "a first, short message");
        message(alice, "a first, short message");
        WebElement note = alice.findElement(By.id("message-limit"));
        assertTrue(!note.isDisplayed(), "no counter far from the limit");

        String near = "n".repeat(TEXT_LIMIT - 100);
        paste(alice, "message-input", near);
        waitFor(alice).until(ExpectedConditions.textToBePresentInElement(note, (TEXT_LIMIT - 100) + " / " + TEXT_LIMIT));
        assertTrue(alice.findElement(By.id("send-button")).isEnabled(), "under the limit it can be sent");

        String over = "o".repeat(150);
        paste(alice, "message-input", over);
        alice.findElement(By.id("message-input")).sendKeys("typed");
        int length = TEXT_LIMIT + 55;
        waitFor(alice).until(ExpectedConditions.textToBePresentInElement(note, length + " / " + TEXT_LIMIT));
        assertTrue(note.getText().contains("55 too many"), note.getText());
        assertEquals(near + over + "typed", value(alice, "message-input"), "nothing cut from the paste or the typing");
        assertTrue(!alice.findElement(By.id("send-button")).isEnabled(), "Send refuses a text over the limit");
        assertEquals("true", alice.findElement(By.id("message-input")).getAttribute("aria-invalid"));

        alice.findElement(By.id("message-input")).sendKeys(Keys.ENTER);
        // Enter was handled (a keydown is synchronous): a message sent would be a pending item already.
        assertEquals(0L, js(alice).executeScript("return document.querySelectorAll('#message-list li.message.pending').length"));
        assertEquals(near + over + "typed", value(alice, "message-input"), "Enter neither sends nor cuts it");
        Http.Reply page = new Http(server.url()).get("/api/rooms/general/messages", token(new Http(server.url()), "alice"));
        assertEquals(200, page.status(), page.text());
        assertTrue(!page.text().contains("nnnnnnnnnn"), "the server got nothing");

        // Shortened under the limit, it goes.
        js(alice).executeScript("const t = document.getElementById('message-input'); t.select(); document.execCommand('insertText', false, 'short again');");
        waitFor(alice).until(d -> d.findElement(By.id("send-button")).isEnabled());
        waitFor(alice).until(ExpectedConditions.invisibilityOf(note));
    }

    @Test
    void aRefusalByTheServerLeavesTheTextInTheComposerWithItsReason() throws IOException {
        WebDriver alice = browser("alice");
        // The page is told a higher limit than the server keeps, so that the server is the one to refuse.
        ((ChromeDriver) alice).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "const realFetch = window.fetch; window.fetch = async (...args) => { const res = await realFetch(...args);"
                        + " if (!String(args[0]).endsWith('/api/config')) return res; const c = await res.json();"
                        + " c.maxTextLength = " + (TEXT_LIMIT * 2) + ";"
                        + " return new Response(JSON.stringify(c), {status: 200, headers: {'Content-Type': 'application/json'}}); };"));
        register(alice, "alice");
        String text = "r".repeat(TEXT_LIMIT + 10);
        paste(alice, "message-input", text);
        alice.findElement(By.id("send-button")).click();
        WebElement note = alice.findElement(By.id("message-limit"));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElement(note, "the limit is " + TEXT_LIMIT));
        assertEquals(text, value(alice, "message-input"), "the refused text is back in the composer, whole");
        assertEquals(0L, js(alice).executeScript("return document.querySelectorAll('#message-list li.message.pending').length"),
                "no failed bubble beside it");
        alice.findElement(By.id("message-input")).sendKeys(Keys.BACK_SPACE);
        waitFor(alice).until(d -> !d.findElement(By.id("message-limit")).getText().contains("the limit is"));
    }

    private static List<String> consoleErrors(WebDriver driver) {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                    && (e.getMessage().contains("401") || e.getMessage().contains("/api/me"))) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    @Test
    void aFreshLoadAsksNothingThatAnswers401() throws IOException {
        WebDriver visitor = browser("visitor");
        visitor.get(server.url().toString());
        // The login form takes the focus once the page has asked who is signed in (nobody).
        waitFor(visitor).until(d -> "login-username".equals(d.switchTo().activeElement().getAttribute("id")));
        waitFor(visitor).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-screen")));
        assertEquals(List.of(), consoleErrors(visitor), "the console of a fresh load");

        register(visitor, "vera");
        visitor.findElement(By.id("logout-button")).click();
        waitFor(visitor).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        visitor.navigate().refresh();
        waitFor(visitor).until(d -> "login-username".equals(d.switchTo().activeElement().getAttribute("id")));
        assertEquals(List.of(), consoleErrors(visitor), "the console after a logout and a reload");
    }

    /** Alice in general, then in a room of her own that she opens in the page. */
    private String aliceInLaunch(WebDriver alice) {
        register(alice, "alice");
        String token = token(new Http(server.url()), "alice");
        assertEquals(201, new Http(server.url()).post("/api/rooms", token, Http.json("id", "launch", "visibility", "public")).status());
        click(alice, By.cssSelector("#room-list button.room-item[data-room-id='launch']"));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "launch"));
        return token;
    }

    @Test
    void aReloadKeepsTheSessionAndTheOpenRoom() throws IOException {
        WebDriver alice = browser("alice");
        aliceInLaunch(alice);
        say(alice, "before the reload");
        message(alice, "before the reload");
        alice.navigate().refresh();
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "launch"));
        message(alice, "before the reload");
        assertTrue(!alice.findElement(By.id("login-screen")).isDisplayed(), "no login after a reload");
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
    }

    @Test
    void aSecondTabIsSignedInAndALogoutInOneEndsTheOther() throws IOException {
        WebDriver alice = browser("alice");
        aliceInLaunch(alice);
        String first = alice.getWindowHandle();

        alice.switchTo().newWindow(WindowType.TAB);
        alice.get(server.url().toString());
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("current-user"), "alice"));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "launch"));
        assertTrue(!alice.findElement(By.id("login-screen")).isDisplayed(), "the second tab asks no login");
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        String second = alice.getWindowHandle();

        alice.switchTo().window(first);
        alice.findElement(By.id("logout-button")).click();
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));

        alice.switchTo().window(second);
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        assertTrue(!alice.findElement(By.id("app")).isDisplayed(), "the other tab is signed out too");
        alice.navigate().refresh();
        waitFor(alice).until(d -> "login-username".equals(d.switchTo().activeElement().getAttribute("id")));
        assertTrue(!alice.findElement(By.id("app")).isDisplayed(), "and stays signed out after a reload");
    }

    @Test
    void theRoomListChangesLiveWithoutWaitingForAPoll() throws IOException {
        WebDriver bob = browser("bob");
        register(bob, "bobby");
        Http http = new Http(server.url());
        String alice = http.login("alice");
        // Well under the 20 s the page used to poll at: only the live room frame can be this quick.
        WebDriverWait live = new WebDriverWait(bob, Duration.ofSeconds(5));
        assertEquals(201, http.post("/api/rooms", alice, Http.json("id", "launch", "visibility", "public")).status());
        live.until(ExpectedConditions.textToBePresentInElementLocated(By.id("public-room-list"), "launch"));
        assertEquals(201, http.post("/api/rooms", alice, Http.json("id", "inner", "visibility", "private")).status());
        assertEquals(200, http.post("/api/rooms/inner/members", alice, Http.json("username", "bobby")).status());
        live.until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-list"), "inner"));
    }

    private static String token(Http http, String username) {
        Http.Reply login = http.post("/api/auth/login", null, Json.createObjectBuilder()
                .add("username", username).add("password", "password-of-" + username).build());
        assertEquals(200, login.status(), login.text());
        return login.object().getString("token");
    }

    /** Posts to general by REST, as a quoted reply or in a thread when given; the new message's id. */
    private static String post(Http http, String token, String text, String replyTo, String thread) {
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
