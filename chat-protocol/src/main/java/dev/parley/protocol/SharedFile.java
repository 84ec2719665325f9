package dev.parley.protocol;

/**
 * The result of sharing a file: its metadata and the {@link MessageKind#FILE_SHARED} message posted for it.
 *
 * @param file    the stored file
 * @param message the message announcing it in the room
 */
public record SharedFile(FileInfo file, Message message) {
}
