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

/** {@code /files/{fileId}}: the bytes of a shared file, streamed, for members of its room. */
@Path("files")
public final class FileResource {
    private final Chat chat;

    FileResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @GET
    @Path("{fileId}")
    public Response download(@Context SecurityContext security, @PathParam("fileId") String fileId) {
        FileDownload download = chat.openFile(AuthFeature.caller(security).user(), fileId);
        StreamingOutput body = out -> {
            try (InputStream in = download.content()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, mediaType(download.file().contentType()))
                .header(HttpHeaders.CONTENT_LENGTH, download.file().size())
                .header("Content-Disposition", ContentDisposition.attachment(download.file().name()))
                .header("X-Content-Type-Options", "nosniff")
                .build();
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
