package dev.parley.jakarta.internal.edge;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.Objects;

/**
 * CORS for {@code /api}: answers preflight requests itself (before routing and authentication,
 * which a preflight never carries), and adds the allow headers to every response for an allowed
 * origin, error responses included, so that a page can read the contract's error body.
 *
 * <p>A preflight from an origin that is not allowed is refused with 403 FORBIDDEN; an ordinary
 * request from one is served without the headers, which makes the browser withhold the
 * response from the page (same-origin requests carry an {@code Origin} too and need none). With
 * no origin listed, CORS is off: every preflight is refused.
 *
 * <p>No {@code Access-Control-Allow-Credentials}: a foreign page calls with a bearer token in the
 * {@code Authorization} header, never with the container's cookies. It is a JAX-RS provider, so
 * the same instance works under a servlet container's JAX-RS runtime and the standalone server's
 * Jersey; thread-safe.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept";
    static final String EXPOSED_HEADERS = "Content-Disposition, Content-Length, WWW-Authenticate";
    static final String MAX_AGE_SECONDS = "600";

    private final Origins origins;

    public CorsFilter(Origins origins) {
        this.origins = Objects.requireNonNull(origins, "origins");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !HttpMethod.OPTIONS.equals(request.getMethod())
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        if (!origins.allowsCors(origin)) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(JsonFields.write(ModelJson.error(ErrorCode.FORBIDDEN,
                            "origin " + origin + " may not call this API from its pages; " + origins.howToAllow(origin))))
                    .build());
            return;
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", MAX_AGE_SECONDS)
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !origins.allowsCors(origin)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.add("Vary", "Origin");
        headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
}
