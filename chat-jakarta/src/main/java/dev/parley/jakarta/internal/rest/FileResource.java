package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.core.FileDownload;
import dev.parley.protocol.ContentDisposition;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.util.Objects;

/**
 * {@code /files/{fileId}}: the bytes of a shared file, streamed, for members of its room, and
 * {@code /files/{fileId}/thumbnail}: the preview of a shared image, under the same rule.
 */
@Path("files")
public final class FileResource {
    private static final String SANDBOX = "default-src 'none'; sandbox";

    private final Chat chat;

    FileResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /**
     * The bytes, always as an attachment, never sniffed, and sandboxed should a browser be pointed at
     * the URL: an uploaded HTML or SVG file is never rendered as a page of this origin.
     */
    @GET
    @Path("{fileId}")
    public Response download(@Context SecurityContext security, @PathParam("fileId") String fileId) {
        FileDownload download = chat.openFile(AuthFeature.caller(security).user(), fileId);
        return Response.ok(body(download), mediaType(download.file().contentType()))
                .header(HttpHeaders.CONTENT_LENGTH, download.file().size())
                .header("Content-Disposition", ContentDisposition.attachment(download.file().name()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", SANDBOX)
                .build();
    }

    /**
     * The preview of a shared image, made at upload (PNG or JPEG, bytes the server wrote itself);
     * 404 for a file that has none. It never changes, so the browser may keep it.
     */
    @GET
    @Path("{fileId}/thumbnail")
    public Response thumbnail(@Context SecurityContext security, @PathParam("fileId") String fileId) {
        FileDownload thumbnail = chat.openThumbnail(AuthFeature.caller(security).user(), fileId);
        return Response.ok(body(thumbnail), MediaType.valueOf(thumbnail.file().contentType()))
                .header(HttpHeaders.CONTENT_LENGTH, thumbnail.file().size())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", SANDBOX)
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
                .build();
    }

    private static StreamingOutput body(FileDownload download) {
        return out -> {
            try (InputStream in = download.content()) {
                in.transferTo(out);
            }
        };
    }

    /** A stored type that does not parse (it came from the uploader) is served as plain bytes. */
    private static MediaType mediaType(String stored) {
        try {
            return MediaType.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }
}
