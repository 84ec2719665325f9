package dev.parley.core.internal;

import dev.parley.core.spi.FileStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The thumbnails of shared images, kept in the {@link FileStore} beside the files they preview, under
 * the file's id with {@value #SUFFIX} appended (a name no file id takes: those are 22 characters). So
 * a thumbnail is made once, when the file is shared, by the node that stores it, and every node
 * sharing that store serves it; it goes when its file goes. Thread-safe (the store is).
 */
final class Thumbnails {
    static final String SUFFIX = "-thumbnail";
    /** No thumbnail of a {@value Thumbnailer#BOX} px box comes near this; a larger stored one is not served. */
    private static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(Thumbnails.class.getName());

    private final FileStore files;

    Thumbnails(FileStore files) {
        this.files = files;
    }

    static String idOf(String fileId) {
        return fileId + SUFFIX;
    }

    /**
     * Makes and stores the thumbnail of the file just stored under {@code fileId}, if it is an image
     * {@link Thumbnailer} reads. Never throws: a file without a thumbnail is still shared.
     */
    void make(String fileId) {
        Optional<Thumbnailer.Thumbnail> thumbnail;
        try {
            Optional<InputStream> stored = files.read(fileId);
            if (stored.isEmpty()) {
                return;
            }
            try (InputStream in = stored.get()) {
                thumbnail = Thumbnailer.of(in);
            }
            if (thumbnail.isPresent()) {
                files.write(idOf(fileId), new ByteArrayInputStream(thumbnail.get().bytes()), MAX_BYTES);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not store the thumbnail of file " + fileId, e);
        }
    }

    /** The stored thumbnail's bytes, read whole (they are small), or empty when the file has none. */
    Optional<byte[]> read(String fileId) throws IOException {
        Optional<InputStream> stored = files.read(idOf(fileId));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = stored.get()) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            return bytes.length > MAX_BYTES ? Optional.empty() : Optional.of(bytes);
        }
    }

    /** Deletes the thumbnail of a file, if it has one. */
    void delete(String fileId) throws IOException {
        files.delete(idOf(fileId));
    }
}
