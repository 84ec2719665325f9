package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.standalone.Http.Reply;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/files/{id}/thumbnail} end to end on the standalone server: the preview of an
 * uploaded image, the file's access rule, 404 for what has none, and uploaded HTML and SVG served
 * only as attachments.
 */
class FilesRestTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dataDir;
    static StandaloneServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = StandaloneServer.create(StandaloneConfig.builder()
                .port(0)
                .dataDir(dataDir)
                .chat(ChatConfig.builder().passwordHashCost(4).build())
                .maxUploadBytes(2L * 1024 * 1024)
                .build()).start();
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String name(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.CYAN);
        g.fillOval(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A private room of {@code owner}; its id. */
    private static String room(String owner) {
        String id = name("files");
        Reply created = http.post("/api/rooms", owner, Http.json("id", id, "visibility", "private"));
        assertEquals(201, created.status(), created.text());
        return id;
    }

    /** A private room of {@code owner} with {@code member} in it; its id. */
    private static String room(String owner, String member) {
        String id = room(owner);
        assertEquals(200, http.post("/api/rooms/" + id + "/members", owner, Http.json("username", member)).status());
        return id;
    }

    private static String upload(String room, String token, String fileName, String type, byte[] content) {
        Reply uploaded = http.upload("/api/rooms/" + room + "/files", token, fileName, type, content);
        assertEquals(201, uploaded.status(), uploaded.text());
        JsonObject file = uploaded.object().getJsonObject("file");
        return file.getString("id");
    }

    @Test
    void anUploadedImageHasAThumbnailForMembersOfItsRoom() throws IOException {
        String alice = http.login(name("alice"));
        String bobName = name("bob");
        String bob = http.login(bobName);
        String carol = http.login(name("carol"));
        String room = room(alice, bobName);
        String id = upload(room, alice, "logo.png", "image/png", png(1000, 500));

        Reply thumbnail = http.get("/api/files/" + id + "/thumbnail", bob);

        assertEquals(200, thumbnail.status(), thumbnail.text());
        assertEquals("image/png", thumbnail.header("Content-Type").orElseThrow(), "a transparent image stays PNG");
        assertEquals(String.valueOf(thumbnail.bytes().length), thumbnail.header("Content-Length").orElseThrow());
        assertEquals("nosniff", thumbnail.header("X-Content-Type-Options").orElseThrow());
        assertTrue(thumbnail.header("Cache-Control").orElseThrow().contains("private"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
        assertEquals(360, image.getWidth());
        assertEquals(180, image.getHeight());
        assertTrue(Files.isRegularFile(dataDir.resolve("files").resolve(id + "-thumbnail")),
                "kept in the file store, beside the file");

        assertEquals(403, http.get("/api/files/" + id + "/thumbnail", carol).status(), "not a member");
        assertEquals(401, http.get("/api/files/" + id + "/thumbnail", null).status(), "no token");
        assertEquals(401, http.get("/api/files/" + id + "/thumbnail", "not-a-token").status(), "a bad token");
    }

    @Test
    void whatIsNotAReadableImageHasNoThumbnailAndAnErrorBody() throws IOException {
        String alice = http.login(name("alice"));
        String room = room(alice);
        byte[] png = png(300, 300);
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        for (String id : new String[] {
                upload(room, alice, "notes.txt", "text/plain", "just words".getBytes(StandardCharsets.UTF_8)),
                upload(room, alice, "broken.png", "image/png", truncated),
                upload(room, alice, "page.png", "image/png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)),
        }) {
            Reply none = http.get("/api/files/" + id + "/thumbnail", alice);
            assertEquals(404, none.status(), none.text());
            assertEquals("NOT_FOUND", none.object().getString("error"));
        }
        Reply unknown = http.get("/api/files/no-such-file/thumbnail", alice);
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.object().getString("error"));
        assertEquals(404, http.get("/api/files/bad.id%24/thumbnail", alice).status(), "an id of characters no id has");
        assertEquals(404, http.get("/api/files/" + "x".repeat(300) + "/thumbnail", alice).status(), "an over-long id");
    }

    @Test
    void uploadedHtmlAndSvgAreServedOnlyAsSandboxedAttachments() {
        String alice = http.login(name("alice"));
        String room = room(alice);
        String svg = upload(room, alice, "evil.svg", "image/svg+xml",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>".getBytes(StandardCharsets.UTF_8));
        String html = upload(room, alice, "evil.html", "text/html",
                "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8));
        for (String id : new String[] {svg, html}) {
            Reply download = http.get("/api/files/" + id, alice);
            assertEquals(200, download.status());
            assertTrue(download.header("Content-Disposition").orElseThrow().startsWith("attachment"), download.headers().map().toString());
            assertEquals("nosniff", download.header("X-Content-Type-Options").orElseThrow());
            assertTrue(download.header("Content-Security-Policy").orElseThrow().contains("sandbox"));
            assertEquals(404, http.get("/api/files/" + id + "/thumbnail", alice).status(), "never previewed");
        }
    }
}
