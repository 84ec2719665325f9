package dev.parley.core.spi;

import dev.parley.core.internal.memory.DirectoryFileStore;
import dev.parley.core.internal.memory.InMemoryFileStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bytes of shared files. Metadata (name, size, type, room) travels with the FILE_SHARED
 * message in the {@link MessageStore}.
 *
 * <p>The engine also keeps the thumbnail of a shared image here, made once when the image is
 * shared, under the file's id followed by {@code -thumbnail} (ids stay within
 * {@code [A-Za-z0-9_-]}); it is deleted with its file. A store shared by several nodes thus
 * serves every node's thumbnails.
 *
 * <p>Implementations are thread-safe. The contract suite in chat-core's test-jar
 * ({@code FileStoreContract}) pins this behaviour.
 */
public interface FileStore {

    /**
     * Stores the bytes of {@code data} under {@code fileId}, streaming, never holding more than a
     * buffer of it in memory beyond what the store itself keeps.
     *
     * <p>Returns only once the bytes are durable (for files on disk: written, flushed and synced,
     * then moved into place), since the engine announces the file as soon as this returns.
     *
     * @param fileId   a new, unique id
     * @param data     the bytes; read to the end or up to the limit, not closed
     * @param maxBytes the largest size accepted
     * @return the number of bytes stored
     * @throws dev.parley.protocol.ChatException TOO_LARGE when {@code data} holds more than {@code maxBytes};
     *                                       nothing is kept then
     * @throws IOException                   when reading or writing fails; nothing is kept then
     */
    long write(String fileId, InputStream data, long maxBytes) throws IOException;

    /** Opens the stored bytes for reading; the caller closes the stream. */
    Optional<InputStream> read(String fileId) throws IOException;

    /** Deletes the bytes, if there are any. */
    void delete(String fileId) throws IOException;

    /** The default: files kept in memory only; it keeps nothing once the process ends. */
    static FileStore inMemory() {
        return new InMemoryFileStore();
    }

    /**
     * Files kept as plain files in {@code directory}, which is created when missing: each synced to
     * disk before {@link #write} returns; half uploads left by a crashed process are deleted when a
     * store opens the directory.
     */
    static FileStore directory(Path directory) {
        return new DirectoryFileStore(directory);
    }
}
