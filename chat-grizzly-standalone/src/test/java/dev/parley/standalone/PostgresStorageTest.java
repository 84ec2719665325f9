package dev.parley.standalone;

import dev.parley.core.ChatConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import static dev.parley.standalone.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code --db-url}: the same server over PostgreSQL keeps its data there across a restart. */
class PostgresStorageTest {
    @TempDir
    Path dataDir;

    @Test
    void serverOnAJdbcUrlKeepsHistoryAndTokensAcrossARestart() throws Exception {
        String base = System.getenv("PARLEY_TEST_POSTGRES_URL");
        assumeTrue(base != null && !base.isBlank(),
                "set PARLEY_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres to run");
        // A schema of our own: other suites empty and drop the parley_ tables of the shared test database.
        String schema = "standalone_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            runTwice(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        } finally {
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private void runTwice(String url) throws IOException {
        StandaloneConfig config = StandaloneConfig.builder().port(0).dataDir(dataDir)
                .database(url, Optional.empty(), Optional.empty())
                .chat(ChatConfig.builder().passwordHashCost(4).build())
                .build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String user = "pg-" + suffix;
        String room = "pg-" + suffix;
        String token;
        try (StandaloneServer server = StandaloneServer.create(config).start()) {
            Http http = new Http(server.url());
            token = http.login(user);
            assertEquals(201, http.post("/api/rooms", token, json("id", room)).status());
            assertEquals(201, http.post("/api/rooms/" + room + "/messages", token, json("text", "stored in PostgreSQL")).status());
        }
        try (StandaloneServer server = StandaloneServer.create(config).start()) {
            Http http = new Http(server.url());
            assertEquals(200, http.get("/api/me", token).status());
            Http.Reply history = http.get("/api/rooms/" + room + "/messages", token);
            assertEquals("stored in PostgreSQL", history.object().getJsonArray("messages").stream()
                    .map(m -> m.asJsonObject().getString("text", "")).filter(t -> t.startsWith("stored")).findFirst().orElse(""));
        }
    }
}
