package dev.parley.core.spi.contract;

import dev.parley.core.spi.FileStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link FileStore} promises. A subclass supplies the store; each test gets
 * a fresh one from {@link #newStore()}, which may reuse a database or directory but must return
 * an empty store. File ids here match {@code [A-Za-z0-9_-]+}, as the engine generates them.
 */
public abstract class FileStoreContract {

    /** A new, empty store; called once before each test. */
    protected abstract FileStore newStore();

    /** The store under test, fresh for each test. */
    protected FileStore store;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    /** Random bytes, reproducible per size. */
    protected static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** The bytes stored under the id, or empty. */
    protected Optional<byte[]> readBytes(String fileId) throws IOException {
        Optional<InputStream> in = store.read(fileId);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        }
    }

    @Test
    void writtenBytesReadBackExactly() throws IOException {
        byte[] data = bytes(300_000); // larger than any sensible copy buffer
        assertEquals(data.length, store.write("file-1", new ByteArrayInputStream(data), 1_000_000));
        assertArrayEquals(data, readBytes("file-1").orElseThrow());
    }

    @Test
    void aFileCanBeReadMoreThanOnce() throws IOException {
        byte[] data = bytes(1000);
        store.write("file-1", new ByteArrayInputStream(data), 1000);
        assertArrayEquals(data, readBytes("file-1").orElseThrow());
        assertArrayEquals(data, readBytes("file-1").orElseThrow());
    }

    @Test
    void anEmptyFileIsStored() throws IOException {
        assertEquals(0, store.write("empty", new ByteArrayInputStream(new byte[0]), 10));
        assertArrayEquals(new byte[0], readBytes("empty").orElseThrow());
    }

    @Test
    void aFileOfExactlyTheLimitIsAccepted() throws IOException {
        byte[] data = bytes(4096);
        assertEquals(4096, store.write("exact", new ByteArrayInputStream(data), 4096));
        assertArrayEquals(data, readBytes("exact").orElseThrow());
    }

    @Test
    void aFileOverTheLimitIsTooLargeAndNothingIsKept() throws IOException {
        ChatException e = assertThrows(ChatException.class,
                () -> store.write("big", new ByteArrayInputStream(bytes(4097)), 4096));
        assertEquals(ErrorCode.TOO_LARGE, e.code());
        assertEquals(Optional.empty(), store.read("big"));
    }

    @Test
    @Timeout(30)
    void anEndlessStreamIsRefusedWithoutReadingItToTheEnd() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        ChatException e = assertThrows(ChatException.class, () -> store.write("endless", endless, 100_000));
        assertEquals(ErrorCode.TOO_LARGE, e.code());
        assertEquals(Optional.empty(), store.read("endless"));
    }

    @Test
    void aFailingStreamKeepsNothing() throws IOException {
        InputStream failing = new InputStream() {
            private int left = 10_000;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 'x';
            }
        };
        assertThrows(IOException.class, () -> store.write("broken", failing, 1_000_000));
        assertEquals(Optional.empty(), store.read("broken"));
    }

    @Test
    void writeDoesNotCloseTheStream() throws IOException {
        boolean[] closed = {false};
        InputStream data = new ByteArrayInputStream(bytes(100)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        store.write("file-1", data, 1000);
        assertFalse(closed[0], "the caller owns the stream");
    }

    @Test
    void readOfAnUnknownIdIsEmpty() throws IOException {
        store.write("file-1", new ByteArrayInputStream(bytes(10)), 100);
        assertEquals(Optional.empty(), store.read("file-2"));
    }

    @Test
    void filesAreKeptApart() throws IOException {
        byte[] a = bytes(1000);
        byte[] b = bytes(2000);
        store.write("file-a", new ByteArrayInputStream(a), 10_000);
        store.write("file-b", new ByteArrayInputStream(b), 10_000);
        assertArrayEquals(a, readBytes("file-a").orElseThrow());
        assertArrayEquals(b, readBytes("file-b").orElseThrow());
    }

    @Test
    void deleteRemovesTheBytesAndLeavesOthers() throws IOException {
        store.write("file-a", new ByteArrayInputStream(bytes(10)), 100);
        store.write("file-b", new ByteArrayInputStream(bytes(20)), 100);
        store.delete("file-a");
        assertEquals(Optional.empty(), store.read("file-a"));
        assertTrue(readBytes("file-b").isPresent());
    }

    @Test
    void deletingAnUnknownOrDeletedFileIsHarmless() throws IOException {
        store.delete("never-written");
        store.write("file-a", new ByteArrayInputStream(bytes(10)), 100);
        store.delete("file-a");
        store.delete("file-a");
        assertEquals(Optional.empty(), store.read("file-a"));
    }
}
