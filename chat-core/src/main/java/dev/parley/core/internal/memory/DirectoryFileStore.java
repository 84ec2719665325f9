package dev.parley.core.internal.memory;

import dev.parley.core.spi.FileStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Internal {@link FileStore} keeping each file as a plain file named by its id in one directory.
 *
 * <p>Thread-safe without locks: an upload streams into its own temporary file in the same
 * directory and is then renamed atomically onto its id, so a reader sees either no file or the
 * whole file. Only ids matching {@code [A-Za-z0-9_-]{1,128}} are accepted, which rules out path
 * traversal; temporary files have names no id can take.
 */
public final class DirectoryFileStore implements FileStore {

    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final Path directory;

    /**
     * Uses {@code directory}, creating it when missing.
     *
     * @throws UncheckedIOException when the directory cannot be created
     */
    public DirectoryFileStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file directory " + this.directory, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the id does not match {@code [A-Za-z0-9_-]{1,128}}
     */
    @Override
    public long write(String fileId, InputStream data, long maxBytes) throws IOException {
        Path target = pathOf(fileId);
        Objects.requireNonNull(data, "data");
        Path temp = Files.createTempFile(directory, ".upload-", ".part");
        boolean moved = false;
        try {
            long size;
            try (OutputStream out = Files.newOutputStream(temp)) {
                size = Streams.copyAtMost(data, out, maxBytes);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            return size;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the id does not match {@code [A-Za-z0-9_-]{1,128}}
     */
    @Override
    public Optional<InputStream> read(String fileId) throws IOException {
        Path path = pathOf(fileId);
        try {
            return Optional.of(Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the id does not match {@code [A-Za-z0-9_-]{1,128}}
     */
    @Override
    public void delete(String fileId) throws IOException {
        Files.deleteIfExists(pathOf(fileId));
    }

    private Path pathOf(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        if (!FILE_ID.matcher(fileId).matches()) {
            throw new IllegalArgumentException("file id must match [A-Za-z0-9_-]{1,128}");
        }
        return directory.resolve(fileId);
    }
}
