package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.FileDownload;
import dev.parley.core.spi.FileStore;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The thumbnails of shared images through the {@code Chat} API: made at upload, kept in the file store. */
@Timeout(60)
class ThumbnailsTest {
    @TempDir
    Path dir;

    private FileStore files;
    private Chat chat;
    private User alice;
    private User bob;
    private User carol;

    private void start() {
        files = FileStore.directory(dir);
        chat = Chat.builder().config(TestChats.config().maxUploadBytes(4L * 1024 * 1024).build()).fileStore(files).build();
        alice = chat.register("alice", "password-a");
        bob = chat.register("bob", "password-b");
        carol = chat.register("carol", "password-c");
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
    }

    @AfterEach
    void tearDown() {
        if (chat != null) {
            chat.close();
        }
    }

    private static byte[] png(int width, int height, Color colour) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private SharedFile share(String name, String type, byte[] bytes) {
        return chat.shareFile(alice, "team", name, type, new ByteArrayInputStream(bytes));
    }

    @Test
    void anImageSharedGetsAThumbnailThatMembersOpen() throws IOException {
        start();
        SharedFile shared = share("photo.png", "image/png", png(1200, 800, Color.MAGENTA));

        try (FileDownload d = chat.openThumbnail(bob, shared.file().id())) {
            assertEquals("image/jpeg", d.file().contentType(), "an opaque image is previewed as JPEG");
            assertEquals("team", d.room());
            byte[] bytes = d.content().readAllBytes();
            assertEquals(d.file().size(), bytes.length);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertEquals(360, image.getWidth());
            assertEquals(240, image.getHeight());
        }
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.openThumbnail(carol, shared.file().id()), "the file's access rule");
    }

    @Test
    void theThumbnailIsStoredOnceInTheFileStoreAndServedFromIt() throws IOException {
        start();
        SharedFile shared = share("photo.png", "image/png", png(500, 500, Color.RED));
        String id = shared.file().id();
        assertTrue(Files.isRegularFile(dir.resolve(id + "-thumbnail")), "beside the file, through the FileStore");

        // What is served is what the store holds: a request reads it, it never makes it again.
        byte[] replaced = png(10, 10, Color.BLUE);
        files.write(id + "-thumbnail", new ByteArrayInputStream(replaced), 1 << 20);
        try (FileDownload d = chat.openThumbnail(alice, id)) {
            assertArrayEquals(replaced, d.content().readAllBytes());
            assertEquals("image/png", d.file().contentType());
        }
    }

    @Test
    void filesThatAreNotImagesImageIoReadsHaveNone() {
        start();
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        for (SharedFile f : List.of(share("x.svg", "image/svg+xml", svg), share("x.html", "text/html", html),
                share("fake.png", "image/png", html), share("notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)))) {
            assertRefused(ErrorCode.NOT_FOUND, () -> chat.openThumbnail(alice, f.file().id()), f.file().name());
            assertTrue(Files.notExists(dir.resolve(f.file().id() + "-thumbnail")), f.file().name());
        }
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.openThumbnail(alice, "no-such-file"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.openThumbnail(alice, "../../etc/passwd"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.openThumbnail(alice, null));
    }

    @Test
    void deletingTheMessageDeletesTheThumbnailToo() throws IOException {
        start();
        SharedFile shared = share("photo.png", "image/png", png(100, 100, Color.GREEN));
        String id = shared.file().id();

        chat.delete(alice, "team", shared.message().id(), Optional.empty());

        assertRefused(ErrorCode.NOT_FOUND, () -> chat.openThumbnail(alice, id));
        Optional<InputStream> left = files.read(id + "-thumbnail");
        assertEquals(Optional.empty(), left);
    }
}
