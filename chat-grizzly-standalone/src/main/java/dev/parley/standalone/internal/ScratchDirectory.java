package dev.parley.standalone.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A directory of this process's own under {@code <dataDir>/tmp}, where the HTTP layer buffers the
 * uploads it is receiving (Jersey's multipart temporary files), so that a crash leaves no half
 * upload anywhere else and the next start removes it.
 *
 * <p>The directory holds a {@value #LOCK} file that the process keeps locked while it lives. Opening
 * a scratch directory deletes every sibling whose lock can be taken, that is, whose process is
 * gone (a {@code kill -9} releases the lock with the process); a sibling of a live process, another
 * node on a shared file system included, is left alone. {@link #close()} deletes the directory.
 * Not thread-safe; the server opens and closes it once.
 */
public final class ScratchDirectory implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ScratchDirectory.class.getName());
    static final String LOCK = ".lock";

    private final Path path;
    private final FileChannel lockChannel;

    private ScratchDirectory(Path path, FileChannel lockChannel) {
        this.path = path;
        this.lockChannel = lockChannel;
    }

    /**
     * Deletes the scratch directories of processes that are gone, then makes and locks a new one.
     *
     * @throws UncheckedIOException when {@code parent} cannot be created or written
     */
    public static ScratchDirectory open(Path parent) {
        try {
            Files.createDirectories(parent);
            deleteAbandoned(parent);
            while (true) {
                Path dir = Files.createDirectory(parent.resolve(UUID.randomUUID().toString()));
                FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                try {
                    channel.lock();
                } catch (OverlappingFileLockException | IOException e) {
                    channel.close();
                    throw e;
                }
                if (Files.exists(dir.resolve(LOCK))) {
                    return new ScratchDirectory(dir, channel);
                }
                channel.close(); // another process took it for abandoned between creation and lock: next name
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for uploads in progress in " + parent
                    + ": " + e.getMessage(), e);
        }
    }

    /** The directory to write temporary files into. */
    public Path path() {
        return path;
    }

    private static void deleteAbandoned(Path parent) throws IOException {
        List<Path> dirs;
        try (Stream<Path> entries = Files.list(parent)) {
            dirs = entries.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve(LOCK))).toList();
        }
        for (Path dir : dirs) {
            try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock != null) {
                    long deleted = deleteTree(dir);
                    LOG.info(() -> "deleted " + dir + " (" + (deleted - 2) + " half upload(s) of a process that stopped)");
                }
            } catch (OverlappingFileLockException | NoSuchFileException e) {
                // this JVM's own, or deleted by another process meanwhile
            }
        }
    }

    /** Deletes a directory tree, children first; returns how many entries it deleted. */
    private static long deleteTree(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        long n = 0;
        for (Path p : all) {
            if (Files.deleteIfExists(p)) {
                n++;
            }
        }
        return n;
    }

    /** Releases the lock and deletes the directory with whatever is still in it. */
    @Override
    public void close() {
        try {
            deleteTree(path);
        } catch (IOException e) {
            LOG.warning("could not delete " + path + ": " + e.getMessage());
        } finally {
            try {
                lockChannel.close();
            } catch (IOException e) {
                LOG.warning("could not release " + path.resolve(LOCK) + ": " + e.getMessage());
            }
        }
    }
}
