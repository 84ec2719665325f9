package dev.parley.standalone.internal.http;

import dev.parley.protocol.ErrorCode;

import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The web page, the {@code /docs} page and the Swagger UI webjar: whatever the class path holds
 * under {@code META-INF/resources/} (the servlet convention, so the same jars work in a servlet
 * container), with {@code index.html} for a folder. A path that matches nothing gets 404 with the
 * contract's JSON body, like an unknown {@code /api} route.
 */
public final class StaticFiles extends CLStaticHttpHandler {
    /** The class path folder the files are served from. */
    public static final String ROOT = "META-INF/resources/";

    public StaticFiles(ClassLoader classLoader) {
        super(classLoader, ROOT);
        setFileCacheEnabled(false);
    }

    @Override
    protected void onMissingResource(Request request, Response response) throws Exception {
        byte[] body = JsonErrors.body(ErrorCode.NOT_FOUND, "no such page or endpoint: " + request.getRequestURI());
        response.setStatus(404);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
