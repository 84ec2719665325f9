package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images and files on the page: an image shows inline from its server-made thumbnail and opens full
 * size, any other file (an SVG too) shows as a card and is never rendered, and files dropped on the
 * conversation or pasted from the clipboard are uploaded with the progress bar shown.
 */
class FilesBrowserIT extends BrowserTest {

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, width / 3, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** What the page shows for the file named {@code name}: preview, its size, card text; null until shown. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> shown(WebDriver d, String name) {
        return (Map<String, Object>) js(d).executeScript(
                "const li = [...document.querySelectorAll('#message-list li[data-kind=FILE_SHARED]')]"
                        + ".find(li => [...li.querySelectorAll('.file-name')].some(n => n.textContent === arguments[0]));"
                        + "if (!li) return null;"
                        + "const img = li.querySelector('.file-preview img.file-thumb');"
                        + "const loaded = img && img.complete && img.naturalWidth > 0;"
                        + "return {preview: !!img, loaded, width: loaded ? img.naturalWidth : 0,"
                        + " src: img ? img.getAttribute('src') : '', card: li.querySelector('.file-card').textContent,"
                        + " images: li.querySelectorAll('img').length,"
                        + " frames: li.querySelectorAll('iframe, object, embed, svg image, use').length};", name);
    }

    private static Map<String, Object> preview(WebDriver d, String name) {
        return waitFor(d).withMessage("the preview of " + name).until(x -> {
            Map<String, Object> s = shown(x, name);
            return s != null && Boolean.TRUE.equals(s.get("loaded")) ? s : null;
        });
    }

    @Test
    void anImageShowsItsThumbnailInlineAndOpensFullSizeWhileOtherFilesAreCards() throws IOException {
        Http http = new Http(server.url());
        WebDriver alice = browser("alice");
        register(alice, "alice");
        String bob = http.login("bobby");
        assertEquals(200, http.post("/api/rooms/general/join", bob, "").status());
        assertEquals(201, http.upload("/api/rooms/general/files", bob, "wide.png", "image/png", png(1200, 600)).status());
        assertEquals(201, http.upload("/api/rooms/general/files", bob, "notes.txt", "text/plain",
                "minutes\n".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, http.upload("/api/rooms/general/files", bob, "drawing.svg", "image/svg+xml",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50\" height=\"50\"><script>window.parleyPwned = true</script></svg>"
                        .getBytes(StandardCharsets.UTF_8)).status());

        Map<String, Object> image = preview(alice, "wide.png");
        assertEquals(360L, image.get("width"), "the server's thumbnail, not the 1200 px file");
        assertTrue(((String) image.get("src")).startsWith("blob:"), "fetched with the token: " + image.get("src"));
        assertTrue(((String) image.get("card")).contains("wide.png"));

        Map<String, Object> text = waitFor(alice).until(d -> shown(d, "notes.txt"));
        assertEquals(Boolean.FALSE, text.get("preview"));
        assertTrue(((String) text.get("card")).contains("8 B"), "the card shows the size: " + text.get("card"));
        Map<String, Object> svg = waitFor(alice).until(d -> shown(d, "drawing.svg"));
        // The page asks no thumbnail of an SVG: a card only, never an <img>, frame or object of it.
        assertEquals(0L, svg.get("images"));
        assertEquals(0L, svg.get("frames"));
        assertEquals(Boolean.TRUE, js(alice).executeScript("return window.parleyPwned === undefined"
                + " && document.querySelectorAll('iframe, object, embed').length === 0"));

        screenshot(alice, "files");
        click(alice, By.cssSelector("#message-list .file-preview"));
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("lightbox"), "data-state", "full"));
        assertEquals(1200L, js(alice).executeScript("return document.querySelector('#lightbox[open] .lightbox-image').naturalWidth"),
                "full size is the file itself");
        assertTrue(alice.findElement(By.cssSelector("#lightbox .lightbox-name")).getText().contains("wide.png"));
        screenshot(alice, "files-lightbox");
        alice.findElement(By.cssSelector("#lightbox .lightbox-close")).sendKeys(Keys.ESCAPE);
        waitFor(alice).until(d -> js(d).executeScript("return !document.getElementById('lightbox').open"));
    }

    @Test
    void filesDroppedOnTheConversationOrPastedAreUploadedWithProgress() {
        WebDriver alice = browser0("alice");
        // Every state the upload bar goes through is recorded as it happens.
        js(alice).executeScript("window.uploadSeen = {shown: false, values: [], names: []};"
                + "const status = document.getElementById('upload-status'), bar = document.getElementById('upload-progress');"
                + "new MutationObserver(() => { if (!status.hidden) { uploadSeen.shown = true;"
                + "  uploadSeen.names.push(document.getElementById('upload-name').textContent); } })"
                + ".observe(status, {attributes: true, attributeFilter: ['hidden']});"
                + "new MutationObserver(() => uploadSeen.values.push(Number(bar.value)))"
                + ".observe(bar, {attributes: true, attributeFilter: ['value']});");

        makeImage(alice, 900, 300, "dropped.png");
        js(alice).executeScript("const dt = new DataTransfer(); dt.items.add(window.madeFile);"
                + "const area = document.getElementById('message-area');"
                + "for (const type of ['dragenter', 'dragover', 'drop']) {"
                + "  area.dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true, cancelable: true})); }");
        assertEquals(360L, preview(alice, "dropped.png").get("width"));
        assertEquals(Boolean.TRUE, js(alice).executeScript("return document.getElementById('drop-overlay').hidden"),
                "the drop overlay is gone after the drop");

        makeImage(alice, 200, 100, "image.png");
        js(alice).executeScript("const dt = new DataTransfer(); dt.items.add(window.madeFile);"
                + "const input = document.getElementById('message-input'); input.focus();"
                + "input.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));");
        String pasted = waitFor(alice).withMessage("the pasted image's message").until(d -> (String) js(d).executeScript(
                "const n = [...document.querySelectorAll('#message-list li[data-kind=FILE_SHARED] .file-name')]"
                        + ".find(n => n.textContent.startsWith('pasted-'));"
                        + "return n ? n.textContent : null;"));
        assertTrue(pasted.matches("pasted-[0-9-]+\\.png"), pasted);
        assertEquals(200L, preview(alice, pasted).get("width"), "a small image is not enlarged");
        assertEquals("", value(alice, "message-input"), "the paste put nothing in the composer");

        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) js(alice).executeScript("return window.uploadSeen");
        assertEquals(Boolean.TRUE, seen.get("shown"), "the progress bar was shown");
        assertTrue(((List<?>) seen.get("names")).containsAll(List.of("dropped.png", pasted)), "with each file's name: " + seen);
        assertTrue(((List<?>) seen.get("values")).contains(100L), "and filled as the bytes went: " + seen);
        waitFor(alice).until(ExpectedConditions.invisibilityOfElementLocated(By.id("upload-status")));
    }

    /** A browser with alice signed in. */
    private WebDriver browser0(String name) {
        try {
            WebDriver d = browser(name);
            register(d, name);
            return d;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Draws a PNG in the page (a canvas) and keeps it as {@code window.madeFile}. */
    private static void makeImage(WebDriver d, int width, int height, String name) {
        js(d).executeAsyncScript("const [w, h, name, done] = arguments;"
                + "const c = document.createElement('canvas'); c.width = w; c.height = h;"
                + "const g = c.getContext('2d'); g.fillStyle = '#2a7'; g.fillRect(0, 0, w, h);"
                + "g.fillStyle = '#a27'; g.fillRect(0, 0, w / 2, h);"
                + "c.toBlob((b) => { window.madeFile = new File([b], name, {type: 'image/png'}); done(true); }, 'image/png');",
                width, height, name);
    }
}
