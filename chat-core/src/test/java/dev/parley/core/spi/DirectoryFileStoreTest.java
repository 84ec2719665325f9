package dev.parley.core.spi;

import dev.parley.core.spi.contract.FileStoreContract;
import dev.parley.protocol.ChatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the {@link FileStoreContract} against the directory store, plus what only it promises. */
class DirectoryFileStoreTest extends FileStoreContract {

    @TempDir
    Path root;

    private Path directory() {
        return root.resolve("files");
    }

    @Override
    protected FileStore newStore() {
        return FileStore.directory(directory());
    }

    private List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aMissingDirectoryIsCreated() {
        assertTrue(Files.isDirectory(directory()));
    }

    @Test
    void filesArePlainFilesNamedByTheirId() throws IOException {
        byte[] data = bytes(5000);
        store.write("Abc_123-x", new ByteArrayInputStream(data), 10_000);
        assertEquals(List.of("Abc_123-x"), namesIn(directory()));
        assertArrayEquals(data, Files.readAllBytes(directory().resolve("Abc_123-x")));
    }

    @Test
    void filesSurviveANewStoreOnTheSameDirectory() throws IOException {
        byte[] data = bytes(700);
        store.write("kept", new ByteArrayInputStream(data), 1000);
        store = FileStore.directory(directory());
        assertArrayEquals(data, readBytes("kept").orElseThrow());
    }

    @Test
    void noTemporaryFileIsLeftBehindByARefusedOrFailedWrite() throws IOException {
        assertThrows(ChatException.class, () -> store.write("big", new ByteArrayInputStream(bytes(2000)), 1000));
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThrows(IOException.class, () -> store.write("broken", failing, 1000));
        assertEquals(List.of(), namesIn(directory()));
    }

    @Test
    void tooLargeNamesTheLimit() {
        ChatException e = assertThrows(ChatException.class,
                () -> store.write("big", new ByteArrayInputStream(bytes(2000)), 1000));
        assertEquals("file is larger than the limit of 1000 bytes", e.getMessage());
    }

    @Test
    void idsThatCouldLeaveTheDirectoryAreRefused() throws IOException {
        Files.writeString(root.resolve("secret"), "do not touch");
        for (String bad : List.of("../secret", "..", ".", "a/b", "a\\b", "/etc/passwd", "", ".hidden",
                "x".repeat(129), "name with space", "caf\u00e9", "a:b")) {
            assertThrows(IllegalArgumentException.class, () -> store.read(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> store.delete(bad), bad);
            assertThrows(IllegalArgumentException.class,
                    () -> store.write(bad, new ByteArrayInputStream(bytes(3)), 10), bad);
        }
        assertEquals("do not touch", Files.readString(root.resolve("secret")));
        assertEquals(List.of(), namesIn(directory()));
    }

    @Test
    void theLongestAllowedIdIsAccepted() throws IOException {
        String id = "a".repeat(128);
        store.write(id, new ByteArrayInputStream(bytes(3)), 10);
        assertArrayEquals(bytes(3), readBytes(id).orElseThrow());
    }

    @Test
    void halfUploadsOfACrashedProcessAreDeletedWhenTheDirectoryIsOpenedAgain() throws IOException {
        store.write("whole", new ByteArrayInputStream(bytes(300)), 1000);
        Path half = Files.write(directory().resolve(".upload-0b6c1c1e.part"), bytes(100));
        store = FileStore.directory(directory());
        assertEquals(List.of("whole"), namesIn(directory()));
        assertFalse(Files.exists(half));
        assertArrayEquals(bytes(300), readBytes("whole").orElseThrow());
    }

    @Test
    void anUploadInProgressIsNotDeletedByAnotherStoreOpeningTheDirectory() throws Exception {
        CountDownLatch halfWay = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            private int left = 200;

            @Override
            public int read() throws IOException {
                if (left == 100) {
                    halfWay.countDown();
                    try {
                        resume.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return left-- > 0 ? 7 : -1;
            }
        };
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<Long> upload = writer.submit(() -> store.write("slow", slow, 1000));
            assertTrue(halfWay.await(10, TimeUnit.SECONDS));
            FileStore second = FileStore.directory(directory());
            assertEquals(1, namesIn(directory()).size(), "the upload's temporary file is kept");
            resume.countDown();
            assertEquals(200L, upload.get(10, TimeUnit.SECONDS));
            assertEquals(200, second.read("slow").orElseThrow().readAllBytes().length);
            assertEquals(List.of("slow"), namesIn(directory()));
        } finally {
            resume.countDown();
            writer.shutdownNow();
        }
    }
}
