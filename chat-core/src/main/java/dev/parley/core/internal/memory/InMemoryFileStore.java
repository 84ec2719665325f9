package dev.parley.core.internal.memory;

import dev.parley.core.spi.FileStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Internal {@link FileStore} keeping each file's bytes in an array, lost at exit. Thread-safe:
 * an upload is copied into a private buffer and becomes visible only when complete, through a
 * concurrent map; readers get their own stream over the immutable array.
 */
public final class InMemoryFileStore implements FileStore {

    private final ConcurrentMap<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public long write(String fileId, InputStream data, long maxBytes) throws IOException {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(data, "data");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        long size = Streams.copyAtMost(data, buffer, maxBytes);
        files.put(fileId, buffer.toByteArray());
        return size;
    }

    @Override
    public Optional<InputStream> read(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        return Optional.ofNullable(files.get(fileId)).map(ByteArrayInputStream::new);
    }

    @Override
    public void delete(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        files.remove(fileId);
    }
}
