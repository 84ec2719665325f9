package dev.parley.core.internal.memory;

import dev.parley.core.spi.FileStore;
import dev.parley.protocol.InputRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Internal {@link FileStore} keeping each file as a plain file named by its id in one directory.
 *
 * <p>Thread-safe without shared state: an upload streams into its own temporary file in the same
 * directory ({@code .upload-<random>.part}, a name no id can take), which is then flushed to disk
 * ({@code fsync}), renamed atomically onto its id, and the directory synced too, before
 * {@link #write} returns. So a reader sees either no file or the whole file, and a file whose write
 * returned (and which the engine then announced) survives a crash of the process and, on a disk that
 * honours {@code fsync}, a power loss. Only ids matching {@code [A-Za-z0-9_-]{1,128}} are accepted,
 * which rules out path traversal.
 *
 * <p>A temporary file is locked ({@link FileChannel#lock()}) by the process writing it until it is
 * renamed. A store opening the directory deletes every temporary file that no live process holds:
 * the half uploads of a process that crashed. Several processes (nodes of a cluster on one shared
 * file system) may use one directory; none deletes another's upload in progress.
 */
public final class DirectoryFileStore implements FileStore {

    private static final System.Logger LOG = System.getLogger(DirectoryFileStore.class.getName());
    private static final String TEMP_PREFIX = ".upload-";
    private static final String TEMP_SUFFIX = ".part";

    private final Path directory;

    /**
     * Uses {@code directory}, creating it when missing, and deletes the half uploads that crashed
     * processes left in it.
     *
     * @throws UncheckedIOException when the directory cannot be created or listed
     */
    public DirectoryFileStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
            deleteAbandonedUploads();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file directory " + this.directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns once the bytes and the file's name are synced to disk.
     *
     * @throws IllegalArgumentException when the id does not match {@code [A-Za-z0-9_-]{1,128}}
     */
    @Override
    public long write(String fileId, InputStream data, long maxBytes) throws IOException {
        Path target = pathOf(fileId);
        Objects.requireNonNull(data, "data");
        Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
        boolean moved = false;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            long size = Streams.copyAtMost(data, Channels.newOutputStream(channel), maxBytes);
            channel.force(true);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncDirectory();
            return size;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Deletes each temporary file whose writer is gone: its lock can be taken. */
    private void deleteAbandonedUploads() throws IOException {
        List<Path> temps;
        try (Stream<Path> entries = Files.list(directory)) {
            temps = entries.filter(DirectoryFileStore::isTemporary).toList();
        }
        for (Path temp : temps) {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock != null) {
                    Files.deleteIfExists(temp);
                    LOG.log(System.Logger.Level.INFO, () -> "deleted " + temp + ", the half upload of a process that stopped while writing it");
                }
            } catch (OverlappingFileLockException | NoSuchFileException e) {
                // written by this JVM right now, or renamed or deleted by its writer meanwhile
            }
        }
    }

    private static boolean isTemporary(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX) && Files.isRegularFile(p);
    }

    /**
     * Syncs the directory, so that the rename is on disk too. Some systems (Windows) cannot open a
     * directory for it; their file systems journal the rename themselves.
     */
    private void syncDirectory() throws IOException {
        FileChannel dir;
        try {
            dir = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException unsupported) {
            return;
        }
        try (dir) {
            dir.force(true);
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
        if (!InputRules.isFileId(fileId)) {
            throw new IllegalArgumentException("file id must match [A-Za-z0-9_-]{1,128}");
        }
        return directory.resolve(fileId);
    }
}
