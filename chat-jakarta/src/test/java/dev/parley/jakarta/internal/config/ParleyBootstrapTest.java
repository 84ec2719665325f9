package dev.parley.jakarta.internal.config;

import dev.parley.core.Chat;
import dev.parley.core.ClientSession;
import dev.parley.core.spi.Connection;
import dev.parley.jakarta.ParleyWebApp;
import dev.parley.jakarta.ParleyWebSocket;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listener's wiring against a recording servlet context and WebSocket container. */
class ParleyBootstrapTest {

    /** What the listener did to the context. */
    private static final class Recorded {
        final Map<String, String> params = new HashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        final List<ServerEndpointConfig> endpoints = new ArrayList<>();
        final List<String> filterMappings = new ArrayList<>();

        ServletContextEvent event() {
            ServerContainer container = (ServerContainer) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServerContainer.class}, (proxy, method, args) -> {
                        if (method.getName().equals("addEndpoint") && args[0] instanceof ServerEndpointConfig config) {
                            endpoints.add(config);
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            attributes.put(ServerContainer.class.getName(), container);
            FilterRegistration.Dynamic registration = (FilterRegistration.Dynamic) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {FilterRegistration.Dynamic.class}, (proxy, method, args) -> {
                        if (method.getName().equals("addMappingForUrlPatterns")) {
                            filterMappings.add(args[0] + " after=" + args[1] + " " + String.join(",", (String[]) args[2]));
                        }
                        return null;
                    });
            ServletContext context = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getInitParameter" -> params.get((String) args[0]);
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "removeAttribute" -> attributes.remove((String) args[0]);
                        case "getContextPath" -> "/app";
                        case "addFilter" -> registration;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return new ServletContextEvent(context);
        }
    }

    private static Recorded memorySettings() {
        Recorded recorded = new Recorded();
        recorded.params.put("parley.store", "memory");
        recorded.params.put("parley.executor", "engine");
        return recorded;
    }

    @Test
    void buildsTheEngineRegistersWsAndFilterAheadOfTheUpgradeAndClosesIt() throws Exception {
        Recorded recorded = memorySettings();
        recorded.params.put("parley.admins", "root");
        ParleyBootstrap bootstrap = new ParleyBootstrap();
        ServletContextEvent event = recorded.event();
        bootstrap.contextInitialized(event);

        Chat chat = assertInstanceOf(Chat.class, recorded.attributes.get(ParleyWebApp.CHAT_ATTRIBUTE));
        assertTrue(chat.config().isAdmin("root"));
        assertEquals(1, recorded.endpoints.size());
        assertEquals(ParleyWebSocket.PATH, recorded.endpoints.get(0).getPath());
        assertEquals(List.of(EnumSet.of(DispatcherType.REQUEST) + " after=false /ws"), recorded.filterMappings);

        CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        CompletableFuture<Void> pong = new CompletableFuture<>();
        ClientSession session = chat.connect(chat.register("live_user", "correct horse"), Optional.empty(), new Connection() {
            @Override
            public CompletionStage<?> send(String frame) {
                if (frame.contains("\"pong\"")) {
                    pong.complete(null);
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close(int code, String reason) {
                closedWith.complete(code);
            }
        });
        // frames are handled after the session is registered: a pong means it is live
        session.receive("{\"type\":\"ping\"}");
        pong.get(5, TimeUnit.SECONDS);
        bootstrap.contextDestroyed(event);
        assertFalse(recorded.attributes.containsKey(ParleyWebApp.CHAT_ATTRIBUTE));
        assertEquals(1001, closedWith.get(5, TimeUnit.SECONDS), "undeploying closes live sockets as going away");
    }

    @Test
    void adoptsTheHostsEngineAndLeavesItOpen() {
        Recorded recorded = memorySettings();
        try (Chat hostChat = Chat.builder().build()) {
            recorded.attributes.put(ParleyWebApp.CHAT_ATTRIBUTE, hostChat);
            ParleyBootstrap bootstrap = new ParleyBootstrap();
            ServletContextEvent event = recorded.event();
            bootstrap.contextInitialized(event);
            assertSame(hostChat, recorded.attributes.get(ParleyWebApp.CHAT_ATTRIBUTE));
            bootstrap.contextDestroyed(event);
            assertSame(hostChat, recorded.attributes.get(ParleyWebApp.CHAT_ATTRIBUTE));
            assertEquals("host_user", hostChat.register("host_user", "correct horse").username());
        }
    }

    @Test
    void disabledDoesNothing() {
        Recorded recorded = memorySettings();
        recorded.params.put("parley.enabled", "false");
        new ParleyBootstrap().contextInitialized(recorded.event());
        assertFalse(recorded.attributes.containsKey(ParleyWebApp.CHAT_ATTRIBUTE));
        assertTrue(recorded.endpoints.isEmpty());
        assertTrue(recorded.filterMappings.isEmpty());
    }

    @Test
    void badSettingFailsTheDeploymentNamingIt() {
        Recorded recorded = memorySettings();
        recorded.params.put("parley.retention", "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParleyBootstrap().contextInitialized(recorded.event()));
        assertTrue(e.getMessage().contains("parley.retention"), e.getMessage());
    }

    @Test
    void jpaStoreWithoutAContainerUnitSaysSo() {
        Recorded recorded = memorySettings();
        recorded.params.put("parley.store", "jpa");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ParleyBootstrap().contextInitialized(recorded.event()));
        assertTrue(e.getMessage().contains("parley.store=memory"), e.getMessage());
    }

    @Test
    void theEngineItBuildsReportsToTheMetricsTheHostPutInTheContext() {
        Recorded recorded = memorySettings();
        java.util.concurrent.atomic.AtomicInteger stored = new java.util.concurrent.atomic.AtomicInteger();
        recorded.attributes.put(ParleyWebApp.METRICS_ATTRIBUTE, new dev.parley.core.ChatMetrics() {
            @Override
            public void stored(dev.parley.protocol.MessageKind kind, long nanos) {
                stored.incrementAndGet();
            }
        });
        ParleyBootstrap bootstrap = new ParleyBootstrap();
        ServletContextEvent event = recorded.event();
        bootstrap.contextInitialized(event);
        Chat chat = assertInstanceOf(Chat.class, recorded.attributes.get(ParleyWebApp.CHAT_ATTRIBUTE));
        var user = chat.register("metered", "correct horse");
        chat.join(user, "general");
        chat.send(user, "general", "counted", Optional.empty());
        assertEquals(2, stored.get(), "the join and the message");
        bootstrap.contextDestroyed(event);
    }
}
