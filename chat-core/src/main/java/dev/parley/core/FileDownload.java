package dev.parley.core;

import dev.parley.protocol.FileInfo;
import java.io.IOException;
import java.io.InputStream;

/**
 * An open file for download. The caller streams {@link #content()} and must close it.
 *
 * @param file    the file's metadata
 * @param room    the room the file was shared in
 * @param content the bytes, streamed
 */
public record FileDownload(FileInfo file, String room, InputStream content) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        content.close();
    }
}
