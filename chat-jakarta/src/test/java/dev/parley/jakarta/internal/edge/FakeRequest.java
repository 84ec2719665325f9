package dev.parley.jakarta.internal.edge;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A JAX-RS request as a filter sees it, recording the answer a filter aborts it with; for one test. */
final class FakeRequest {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Response aborted;

    FakeRequest(String method, String path, Map<String, String> headers) {
        this.method = method;
        this.path = path;
        this.headers.putAll(headers);
    }

    /** The answer a filter aborted the request with, if one did. */
    Optional<Response> aborted() {
        return Optional.ofNullable(aborted);
    }

    ContainerRequestContext context() {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getPath" -> path;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getUriInfo" -> uri;
                    case "getHeaderString" -> headers.get((String) args[0]);
                    case "getLength" -> headers.containsKey("Content-Length")
                            ? (int) Math.min(Integer.MAX_VALUE, Long.parseLong(headers.get("Content-Length"))) : -1;
                    case "abortWith" -> {
                        aborted = (Response) args[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A response context over {@code headers}, which a response filter adds to. */
    static ContainerResponseContext response(MultivaluedMap<String, Object> headers) {
        return (ContainerResponseContext) Proxy.newProxyInstance(FakeRequest.class.getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getHeaders" -> headers;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static MultivaluedMap<String, Object> headers() {
        return new MultivaluedHashMap<>();
    }
}
