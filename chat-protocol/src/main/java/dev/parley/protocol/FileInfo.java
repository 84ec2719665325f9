package dev.parley.protocol;

import java.util.Objects;

/**
 * Metadata of a shared file.
 *
 * @param id          opaque unique id, used in {@code /api/files/{id}}
 * @param name        the file name as uploaded (without any directory part)
 * @param size        size in bytes
 * @param contentType the MIME type stored with it
 */
public record FileInfo(String id, String name, long size, String contentType) {
    public FileInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
    }
}
