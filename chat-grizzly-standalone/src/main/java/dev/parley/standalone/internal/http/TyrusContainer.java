package dev.parley.standalone.internal.http;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

import java.util.Map;

/**
 * A Tyrus server container with no server of its own: its engine is plugged into the Grizzly
 * listener that also serves REST and the web page, through Tyrus's {@code WebSocketAddOn}.
 * Endpoints are registered at the root context, so {@code /ws} is {@code /ws}.
 * {@link #stop()} releases the executors Tyrus made.
 */
public final class TyrusContainer extends TyrusServerContainer {
    private static final String CONTEXT_PATH = "";

    private final TyrusWebSocketEngine engine;

    public TyrusContainer() {
        super((java.util.Set<Class<?>>) null);
        this.engine = TyrusWebSocketEngine.builder(this).build();
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, CONTEXT_PATH);
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, CONTEXT_PATH);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }
}
