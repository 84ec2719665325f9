package dev.parley.jakarta.internal.config;

import dev.parley.core.Chat;
import dev.parley.core.ChatMetrics;
import dev.parley.core.spi.FileStore;
import dev.parley.jakarta.ParleyWebApp;
import dev.parley.jakarta.ParleyWebSocket;
import dev.parley.jakarta.internal.edge.HandshakeFilter;
import dev.parley.jakarta.internal.edge.Origins;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wires Parley into the web application at deployment. The engine is the host's when the host
 * put one in the context attribute {@value ParleyWebApp#CHAT_ATTRIBUTE} first (from a listener
 * declared in {@code web.xml}, which runs before annotated ones) or produces one with CDI;
 * otherwise it is built from the {@code parley.*} parameters and closed at undeploy.
 *
 * <p>It is declared in the jar's {@code META-INF/web-fragment.xml}, with the reference to the
 * persistence unit that {@link JpaWiring} looks up.
 *
 * <p>Lifecycle: one instance per web application, called by the container on its deployment
 * thread; {@code contextInitialized} runs before the JAX-RS servlet starts, so
 * {@link ParleyApplication} finds the engine in place.
 */
public final class ParleyBootstrap implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(ParleyBootstrap.class.getName());
    static final String FILTER_NAME = "parley-ws-handshake";

    private Chat owned;
    private AutoCloseable ownedStores;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ParleySettings settings = ParleySettings.parse(context::getInitParameter);
        if (!settings.enabled()) {
            LOG.info("parley.enabled=false: Parley is not wired into " + context.getContextPath());
            return;
        }
        Chat chat = hostChat(context).orElseGet(() -> build(settings, hostMetrics(context)));
        context.setAttribute(ParleyWebApp.CHAT_ATTRIBUTE, chat);
        registerWebSocket(context, chat, settings.origins());
        LOG.info(() -> "Parley serves " + context.getContextPath() + "/api and " + context.getContextPath()
                + ParleyWebSocket.PATH + (owned != null ? " (store: " + settings.store().name().toLowerCase() + ")" : " (host's engine)"));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Chat chat = owned;
        owned = null;
        if (chat != null) {
            event.getServletContext().removeAttribute(ParleyWebApp.CHAT_ATTRIBUTE);
            chat.close();
        }
        AutoCloseable stores = ownedStores;
        ownedStores = null;
        if (stores != null) {
            try {
                stores.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing Parley's stores failed", e);
            }
        }
    }

    private static Optional<Chat> hostChat(ServletContext context) {
        if (context.getAttribute(ParleyWebApp.CHAT_ATTRIBUTE) instanceof Chat chat) {
            return Optional.of(chat);
        }
        return CdiLookup.chat();
    }

    /** The metrics the host gives the engine Parley builds: a context attribute, else a CDI bean. */
    private static Optional<ChatMetrics> hostMetrics(ServletContext context) {
        if (context.getAttribute(ParleyWebApp.METRICS_ATTRIBUTE) instanceof ChatMetrics metrics) {
            return Optional.of(metrics);
        }
        return CdiLookup.metrics();
    }

    private Chat build(ParleySettings settings, Optional<ChatMetrics> metrics) {
        Chat.Builder builder = Chat.builder().config(settings.chatConfig());
        metrics.ifPresent(builder::metrics);
        switch (settings.store()) {
            case JPA -> {
                ownedStores = JpaWiring.apply(builder, settings.schema());
                if (settings.uploadDirectory().isEmpty()) {
                    LOG.warning("parley.uploadDirectory is not set: shared files are kept in memory and lost at undeploy,"
                            + " while their messages stay in the database");
                }
            }
            case MEMORY -> { }
        }
        settings.uploadDirectory().ifPresent(dir -> builder.fileStore(FileStore.directory(dir)));
        executor(settings.executor()).ifPresent(builder::executor);
        owned = builder.build();
        return owned;
    }

    /** The managed executor named in the settings; the engine's own threads when it is absent or not wanted. */
    private static Optional<ExecutorService> executor(String jndiName) {
        if (ParleySettings.ENGINE_EXECUTOR.equalsIgnoreCase(jndiName)) {
            return Optional.empty();
        }
        try {
            Object found = InitialContext.doLookup(jndiName);
            if (found instanceof ExecutorService executor) {
                return Optional.of(executor);
            }
            LOG.warning(jndiName + " is not an ExecutorService; Parley runs on its own threads");
        } catch (NamingException e) {
            LOG.info(jndiName + " is not available (" + e.getMessage() + "); Parley runs on its own threads");
        }
        return Optional.empty();
    }

    private static void registerWebSocket(ServletContext context, Chat chat, Origins origins) {
        if (!(context.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container)) {
            throw new IllegalStateException("this container offers no jakarta.websocket ServerContainer; Parley needs one for "
                    + ParleyWebSocket.PATH);
        }
        try {
            container.addEndpoint(ParleyWebSocket.endpointConfig(chat));
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot register Parley's WebSocket endpoint at " + ParleyWebSocket.PATH, e);
        }
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new HandshakeFilter(chat, origins));
        if (filter != null) {
            filter.setAsyncSupported(true);
            // isMatchAfter=false: ahead of the container's own WebSocket upgrade filter
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, ParleyWebSocket.PATH);
        }
    }
}
