package dev.parley.jakarta;

import dev.parley.core.Chat;

import jakarta.servlet.ServletContext;

import java.util.Optional;

/**
 * Where a web application and Parley's bundled wiring meet: the servlet context attribute that
 * holds the engine. A host that builds its own {@link Chat} sets it before Parley's listener runs
 * (from a listener declared in {@code web.xml}); a host that lets Parley build it reads it from
 * here to call the engine directly (for example to post an announcement from its own code).
 */
public final class ParleyWebApp {
    /** The servlet context attribute holding the application's {@link Chat}. */
    public static final String CHAT_ATTRIBUTE = "dev.parley.core.Chat";

    /**
     * The servlet context attribute where a host puts the {@link dev.parley.core.ChatMetrics} that the
     * engine Parley builds reports to, such as chat-micrometer's {@code ParleyMeters.on(registry)} over the
     * application's own Micrometer registry. Set it before Parley's listener runs (from a listener declared
     * in {@code web.xml}), or produce a {@code ChatMetrics} bean with CDI instead. Ignored when the host
     * builds the engine itself (it passes the metrics to {@code Chat.builder().metrics(...)}).
     */
    public static final String METRICS_ATTRIBUTE = "dev.parley.core.ChatMetrics";

    private ParleyWebApp() {
    }

    /** The engine serving this web application, once Parley's listener has run; empty when Parley is disabled. */
    public static Optional<Chat> chat(ServletContext context) {
        return context != null && context.getAttribute(CHAT_ATTRIBUTE) instanceof Chat chat ? Optional.of(chat) : Optional.empty();
    }
}
