package dev.parley.jakarta.internal.config;

import dev.parley.jakarta.ParleyWebApp;
import dev.parley.jakarta.internal.rest.RestSingletons;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;

import java.util.Map;
import java.util.Set;

/**
 * Serves {@code /api} from the engine {@link ParleyBootstrap} put in the servlet context, with
 * CORS for the origins of {@code parley.allowedOrigins}. When Parley is disabled
 * ({@code parley.enabled=false}) it serves nothing. A host can move it with a
 * {@code servlet-mapping} for this class's name in {@code web.xml}.
 */
@ApplicationPath("api")
public class ParleyApplication extends Application {
    @Context
    private ServletContext servletContext;

    @Override
    public Set<Object> getSingletons() {
        // Parsed again rather than handed over: the listener has already failed the deployment on a bad value.
        return ParleyWebApp.chat(servletContext)
                .map(chat -> RestSingletons.create(chat, ParleySettings.parse(servletContext::getInitParameter).origins()))
                .orElse(Set.of());
    }

    /**
     * Jersey-specific switches, ignored by other runtimes: no WADL (it would need JAXB), and error
     * answers written as they are rather than through the container's error pages.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true,
                "jersey.config.server.response.setStatusOverSendError", true);
    }
}
