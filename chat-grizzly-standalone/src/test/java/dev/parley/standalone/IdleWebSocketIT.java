package dev.parley.standalone;

import dev.parley.core.ChatConfig;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.parley.standalone.WsClient.frame;
import static dev.parley.standalone.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A silent WebSocket outlives Grizzly's 30-second keep-alive timeout (which would close it with
 * 1006). Pings are made rare here so that they cannot be what keeps it open. Takes 35 seconds,
 * hence an IT.
 */
class IdleWebSocketIT {

    @Test
    void idleSocketStaysOpenPastTheHttpKeepAliveTimeout() throws IOException {
        try (StandaloneServer server = StandaloneServer.create(StandaloneConfig.builder().port(0).inMemory()
                .chat(ChatConfig.builder().passwordHashCost(4).build())
                .pingInterval(Duration.ofMinutes(10)).build()).start()) {
            String token = new Http(server.url()).login("idler");
            try (WsClient socket = WsClient.open(server.url(), token)) {
                socket.await(type("welcome"));
                // Nothing may close it for 35 s: waiting for the close must time out.
                assertThrows(TimeoutException.class, () -> waitForClose(socket, Duration.ofSeconds(35)));
                socket.send(frame("ping"));
                socket.await(type("pong"));
                assertEquals(0, socket.pings.get(), "no server ping kept it alive");
            }
        }
    }

    private static void waitForClose(WsClient socket, Duration timeout) throws TimeoutException {
        try {
            socket.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("the socket failed", e);
        }
    }
}
