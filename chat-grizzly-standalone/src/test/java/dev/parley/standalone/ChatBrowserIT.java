package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two people chatting through the web page: messages, a file, a direct conversation, the room list and the API docs. */
class ChatBrowserIT extends BrowserTest {
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
        // Rendered as Markdown, a message still runs nothing: an image's onerror, a javascript: link.
        String image = "look <img src=x onerror=\"window.parleyPwned = true\"> here";
        say(alice, image);
        message(bob, image);
        say(alice, "[click me](javascript:window.parleyPwned=true) and ![pic](javascript:window.parleyPwned=true)");
        message(bob, "click me and pic");
        assertEquals(0L, bobJs.executeScript("return document.querySelectorAll('#message-list .text img, #message-list [onerror]').length"));
        assertEquals(0L, bobJs.executeScript("return [...document.querySelectorAll('#message-list a[href]')]"
                + ".filter(a => !/^(https?|mailto):/i.test(a.getAttribute('href'))).length"), "only http(s) and mailto links");
        bob.findElements(By.xpath("//*[@id='message-list']//*[contains(@class,'text')]//*[text()='click me']"))
                .forEach(WebElement::click);
        assertEquals(Boolean.TRUE, bobJs.executeScript("return window.parleyPwned === undefined"));

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
}
