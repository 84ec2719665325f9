package dev.parley.jakarta.internal.edge;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Refuses an upload whose declared {@code Content-Length} is already over the limit with 413
 * TOO_LARGE before any of it is read: the multipart reader would otherwise spool the whole body
 * to disk before the engine counts its bytes. Bodies without a length (chunked) still meet the
 * engine's own limit as they stream. A JAX-RS provider, for a servlet container's JAX-RS runtime
 * and the standalone server's Jersey alike; thread-safe.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class UploadLimitFilter implements ContainerRequestFilter {
    /** Room for the multipart boundaries and part headers around the file's bytes. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final long maxUploadBytes;

    /** @param maxUploadBytes the engine's limit on a file, {@link dev.parley.core.ChatConfig#maxUploadBytes()} */
    public UploadLimitFilter(long maxUploadBytes) {
        if (maxUploadBytes <= 0) {
            throw new IllegalArgumentException("maxUploadBytes must be positive, got " + maxUploadBytes);
        }
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod()) || !request.getUriInfo().getPath().endsWith("/files")) {
            return;
        }
        long declared = declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (declared - MULTIPART_OVERHEAD > maxUploadBytes) {
            request.abortWith(Response.status(413)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header("Connection", "close")
                    .entity(JsonFields.write(ModelJson.error(ErrorCode.TOO_LARGE,
                            "the upload declares " + declared + " bytes, over the limit of " + maxUploadBytes + " bytes for a file")))
                    .build());
        }
    }

    /**
     * The declared length, read as a long: {@code ContainerRequestContext.getLength()} is an int
     * and answers -1 above 2 GiB, which would let the largest uploads through unchecked.
     *
     * @return the length, or -1 when absent or not a number (the runtime answers a bad one itself)
     */
    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
