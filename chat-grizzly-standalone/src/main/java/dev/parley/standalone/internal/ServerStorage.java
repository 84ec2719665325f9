package dev.parley.standalone.internal;

import dev.parley.core.Chat;
import dev.parley.core.spi.FileStore;
import dev.parley.jakarta.jpa.JpaStores;
import dev.parley.standalone.StandaloneConfig.Storage;
import dev.parley.standalone.StandaloneConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The stores a {@link StandaloneConfig} asks for, opened: the JPA stores (on the embedded H2 file
 * or on the given JDBC URL), the directory of shared files and the one of uploads in progress, or
 * everything in memory.
 * {@link #close()} closes the database; call it after the engine is closed.
 */
public final class ServerStorage implements AutoCloseable {
    /**
     * H2 keeps the database open until we close it (its own exit hook would race our shutdown),
     * and writes no trace file (the JPA provider probing for missing tables at first start fills one).
     */
    static final String H2_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";

    private final Optional<JpaStores> jpa;
    private final FileStore files;
    private final Optional<ScratchDirectory> uploads;

    private ServerStorage(Optional<JpaStores> jpa, FileStore files, Optional<ScratchDirectory> uploads) {
        this.jpa = jpa;
        this.files = files;
        this.uploads = uploads;
    }

    /**
     * Creates the data directory's folders as needed and connects to the database.
     *
     * @throws UncheckedIOException                 when a folder cannot be created
     * @throws dev.parley.protocol.ChatException        UNAVAILABLE when the database cannot be reached
     * @throws IllegalStateException                when the schema cannot be migrated, or with
     *                                              {@code --schema validate} is not current
     */
    public static ServerStorage open(StandaloneConfig config) {
        Storage storage = config.storage();
        if (storage instanceof Storage.InMemory) {
            return new ServerStorage(Optional.empty(), FileStore.inMemory(), Optional.empty());
        }
        createDirectories(config.filesDir());
        FileStore files = FileStore.directory(config.filesDir());
        ScratchDirectory uploads = ScratchDirectory.open(config.dataDir().resolve("tmp"));
        try {
            JpaStores jpa = storage instanceof Storage.Jdbc jdbc
                    ? JpaStores.resourceLocal(jdbc.url(), jdbc.user().orElse(null), jdbc.password().orElse(null), config.schema())
                    : JpaStores.resourceLocal(embeddedUrl(config.dataDir()), "sa", "", config.schema());
            return new ServerStorage(Optional.of(jpa), files, Optional.of(uploads));
        } catch (RuntimeException e) {
            uploads.close();
            throw e;
        }
    }

    /**
     * Where the HTTP layer buffers uploads while it receives them: a directory of this process's
     * own under {@code <dataDir>/tmp}, emptied at the next start if the process crashes; empty
     * (the system's temporary directory) when everything is kept in memory.
     */
    public Optional<Path> uploadsInProgress() {
        return uploads.map(ScratchDirectory::path);
    }

    /** The H2 URL of the embedded database: {@code <dataDir>/db/parley.mv.db}. */
    public static String embeddedUrl(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize().resolve("db");
        createDirectories(dir);
        return "jdbc:h2:file:" + dir.resolve("parley") + H2_OPTIONS;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Sets the stores on an engine builder. */
    public Chat.Builder applyTo(Chat.Builder builder) {
        jpa.ifPresent(stores -> stores.applyTo(builder));
        return builder.fileStore(files);
    }

    @Override
    public void close() {
        try {
            jpa.ifPresent(JpaStores::close);
        } finally {
            uploads.ifPresent(ScratchDirectory::close);
        }
    }
}
