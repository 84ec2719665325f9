package dev.parley.client.it;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatListener;
import dev.parley.client.ReconnectPolicy;
import dev.parley.core.ChatConfig;
import dev.parley.standalone.StandaloneConfig;
import dev.parley.standalone.StandaloneServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A standalone server for tests: 127.0.0.1, a free port, fast password hashing, no send limit to speak of. */
public final class TestServer implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery";
    public static final String ADMIN = "admin";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final StandaloneServer server;

    private TestServer(StandaloneServer server) {
        this.server = server;
    }

    /** Everything in memory. */
    public static TestServer inMemory() {
        return start(base().inMemory().build());
    }

    /** Embedded database under {@code dataDir}, so that a restart keeps users, messages and tokens. */
    static TestServer persistent(Path dataDir, int port) {
        return start(base().dataDir(dataDir).port(port).build());
    }

    private static StandaloneConfig.Builder base() {
        return StandaloneConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .chat(ChatConfig.builder().passwordHashCost(4).sendRate(100_000, 100_000).build())
                .admin(ADMIN);
    }

    private static TestServer start(StandaloneConfig config) {
        try {
            return new TestServer(StandaloneServer.create(config).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.port();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A fresh username, unique in this JVM. */
    public static String name(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    /** Registers {@code username} and returns a client with its credentials, not connected yet. */
    public ChatClient user(String username, ChatListener listener) {
        return user(username, listener, url());
    }

    /** As {@link #user(String, ChatListener)}, reaching the server at {@code url} (a proxy, say). */
    ChatClient user(String username, ChatListener listener, String url) {
        ChatClient c = client(url).credentials(username, PASSWORD).listener(listener).build();
        try {
            c.register(username, PASSWORD);
        } catch (dev.parley.client.ChatClientException e) {
            if (e.code() != dev.parley.protocol.ErrorCode.CONFLICT) {
                throw e;
            }
        }
        return c;
    }

    /** A builder aimed at {@code url} with quick reconnects. */
    public static ChatClient.Builder client(String url) {
        return ChatClient.builder()
                .server(url)
                .requestTimeout(Duration.ofSeconds(10))
                .reconnect(ReconnectPolicy.builder().initialBackoff(Duration.ofMillis(20))
                        .maxBackoff(Duration.ofMillis(500)).build());
    }

    @Override
    public void close() {
        server.close();
    }
}
