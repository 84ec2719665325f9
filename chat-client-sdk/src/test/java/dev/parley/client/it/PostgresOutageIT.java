package dev.parley.client.it;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.core.ChatConfig;
import dev.parley.protocol.ErrorCode;
import dev.parley.standalone.StandaloneConfig;
import dev.parley.standalone.StandaloneServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL unreachable under a running node: sends are refused with UNAVAILABLE, over the
 * WebSocket (an error frame) and over REST (503), rather than acknowledged and lost. The node
 * reaches PostgreSQL through a TCP proxy, which the test closes. Needs {@code PARLEY_TEST_POSTGRES_URL}.
 */
class PostgresOutageIT {

    @Test
    void sendsAreRefusedWithUnavailableWhileTheDatabaseIsUnreachable() throws Exception {
        String postgres = ClusterNodes.postgres();
        URI target = URI.create(postgres.substring("jdbc:".length()));
        Assumptions.assumeTrue("127.0.0.1".equals(target.getHost()) || "localhost".equals(target.getHost()),
                "this test proxies a PostgreSQL on 127.0.0.1; " + ClusterNodes.POSTGRES_ENV + " names " + target.getHost());
        String schema = ClusterNodes.freshName("parley_it_");
        String direct = ClusterNodes.createSchema(postgres, schema);
        int port = target.getPort() < 0 ? 5432 : target.getPort();
        TcpProxy proxy = new TcpProxy(port);
        String proxied = direct.replaceFirst("//[^/]+/", "//127.0.0.1:" + URI.create(proxy.url()).getPort() + "/");
        StandaloneServer server = StandaloneServer.create(StandaloneConfig.builder()
                .host("127.0.0.1").port(0)
                .dataDir(java.nio.file.Files.createTempDirectory("parley-pg-outage"))
                .database(proxied, Optional.empty(), Optional.empty())
                .chat(ChatConfig.builder().passwordHashCost(4).build())
                .build()).start();
        try (ChatClient alice = TestServer.client("http://127.0.0.1:" + server.port())
                .credentials("alice", TestServer.PASSWORD).build()) {
            alice.register("alice", TestServer.PASSWORD);
            alice.login();
            alice.join("general");
            alice.connect().get(10, TimeUnit.SECONDS);
            alice.send("general", "stored while the database is there").get(10, TimeUnit.SECONDS);

            proxy.close(); // every database connection reset, new ones refused

            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> alice.send("general", "not while it is away").get(30, TimeUnit.SECONDS));
            assertEquals(ErrorCode.UNAVAILABLE, assertInstanceOf(ChatClientException.class, e.getCause()).code(),
                    "the WebSocket send is answered with an UNAVAILABLE error frame: " + e.getCause().getMessage());

            HttpResponse<String> rest = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/rooms/general/messages"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + alice.token().orElseThrow())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"nor over REST\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, rest.statusCode(), rest.body());
            assertTrue(rest.body().contains("\"error\":\"UNAVAILABLE\""), rest.body());
            assertTrue(!rest.body().contains("Exception"), "no stack trace or exception name: " + rest.body());
        } finally {
            server.close();
            proxy.close();
        }
        try (Connection c = DriverManager.getConnection(direct);
             PreparedStatement q = c.prepareStatement("SELECT body FROM parley_messages WHERE kind = 'CHAT'");
             ResultSet rows = q.executeQuery()) {
            assertTrue(rows.next());
            assertEquals("stored while the database is there", rows.getString(1));
            assertTrue(!rows.next(), "nothing refused was stored");
        } finally {
            ClusterNodes.dropSchema(postgres, schema);
        }
    }
}
