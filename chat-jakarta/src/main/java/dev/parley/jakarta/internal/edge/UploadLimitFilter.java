package dev.parley.standalone.internal.http;

import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.internal.ModelJson;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Refuses an upload whose declared {@code Content-Length} is already over the limit with 413
 * TOO_LARGE before any of it is read: the multipart reader would otherwise spool the whole body
 * to disk before the engine counts its bytes. Bodies without a length (chunked) still meet the
 * engine's own limit as they stream.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class UploadLimitFilter implements ContainerRequestFilter {
    /** Room for the multipart boundaries and part headers around the file's bytes. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final long maxUploadBytes;

    public UploadLimitFilter(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod()) || !request.getUriInfo().getPath().endsWith("/files")) {
            return;
        }
        if (request.getLength() > maxUploadBytes + MULTIPART_OVERHEAD) {
            request.abortWith(Response.status(413)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Connection", "close")
                    .entity(JsonFields.write(ModelJson.error(ErrorCode.TOO_LARGE,
                            "the upload declares " + request.getLength() + " bytes, over the limit of " + maxUploadBytes + " bytes for a file")))
                    .build());
        }
    }
}
