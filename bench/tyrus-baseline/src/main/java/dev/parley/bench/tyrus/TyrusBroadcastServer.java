package dev.parley.bench.tyrus;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the broadcast baseline: {@code java -jar tyrus-baseline.jar [--port P]} (default 8091).
 * It listens on 127.0.0.1 only, serves {@link BroadcastEndpoint} at {@code /ws} and
 * {@link RoomEndpoint} at {@code /room/{room}}, prints {@code READY port=P} once it accepts
 * connections, and runs until the process is stopped.
 */
public final class TyrusBroadcastServer {
    private TyrusBroadcastServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8091;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = parsePort(args[++i]);
            } else {
                System.err.println("usage: java -jar tyrus-baseline.jar [--port P]; unknown argument '" + args[i] + "'");
                System.exit(2);
            }
        }
        Container container = new Container();
        HttpServer server = new HttpServer();
        NetworkListener listener = new NetworkListener("grizzly", "127.0.0.1", port);
        // The same choices as Tyrus's own Grizzly container: handlers on worker threads, and no
        // keep-alive timeout (else Grizzly closes a WebSocket after 30 s of silence).
        listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(container, ""));
        server.addListener(listener);
        container.start("", port);
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            container.stop();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("READY port=" + port);
        System.out.flush();
        stopped.await();
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        System.err.println("--port must be a number between 1 and 65535, got '" + value + "'");
        System.exit(2);
        return -1;
    }

    /** A Tyrus server container whose engine serves the two endpoints on Grizzly. */
    private static final class Container extends TyrusServerContainer {
        private final WebSocketEngine engine = TyrusWebSocketEngine.builder(this).build();

        Container() {
            super(Set.of(BroadcastEndpoint.class, RoomEndpoint.class));
        }

        @Override
        public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, "");
        }

        @Override
        public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
            engine.register(serverEndpointConfig, "");
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
}
