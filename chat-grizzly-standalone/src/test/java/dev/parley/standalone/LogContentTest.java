package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.standalone.internal.cli.JsonLineFormatter;
import dev.parley.standalone.internal.cli.OneLineFormatter;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server logs: a line for its start (version, address, store, cluster) and its stop, and
 * never a password, a token or a message's text, whatever the format. A server is run through
 * register, a failed and a good login, sends over REST and WebSocket and an upload, with values
 * that cannot appear by chance, and every record logged meanwhile (Parley's down to FINE) is
 * searched in both formats.
 */
class LogContentTest {
    private static final String PASSWORD = "Zebra-Quokka-Pa55word-71";
    private static final String WRONG_PASSWORD = "Wombat-Wrong-Pa55word-93";
    private static final String TEXT = "the quokka text 4417 nobody should log";
    private static final String WS_TEXT = "the wombat frame 9921 nobody should log";
    private static final String FILE_CONTENT = "platypus file body 5530";

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");
    private final Logger parley = Logger.getLogger("dev.parley");
    private Level parleyLevel;

    @TempDir
    Path dataDir;

    @BeforeEach
    void captureEverything() {
        parleyLevel = parley.getLevel();
        parley.setLevel(Level.FINE);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void restore() {
        root.removeHandler(capture);
        parley.setLevel(parleyLevel);
    }

    @Test
    void aStartAndAStopAreLoggedAndNoSecretOrTextEverIs() throws Exception {
        String token;
        try (StandaloneServer server = StandaloneServer.create(StandaloneConfig.builder().port(0).dataDir(dataDir)
                .chat(ChatConfig.builder().passwordHashCost(4).build()).build()).start()) {
            Http http = new Http(server.url());
            JsonObject credentials = Json.createObjectBuilder(Map.of("username", "carol", "password", PASSWORD)).build();
            assertEquals(201, http.post("/api/auth/register", null, credentials).status());
            JsonObject wrong = Json.createObjectBuilder(Map.of("username", "carol", "password", WRONG_PASSWORD)).build();
            assertEquals(401, http.post("/api/auth/login", null, wrong).status());
            Http.Reply login = http.post("/api/auth/login", null, credentials);
            assertEquals(200, login.status());
            token = login.object().getString("token");
            assertEquals(201, http.post("/api/rooms", token, Json.createObjectBuilder(Map.of("id", "den")).build()).status());
            assertEquals(201, http.post("/api/rooms/den/messages", token,
                    Json.createObjectBuilder(Map.of("text", TEXT)).build()).status());
            assertEquals(201, http.upload("/api/rooms/den/files", token, "notes.txt", "text/plain",
                    FILE_CONTENT.getBytes(StandardCharsets.UTF_8)).status());
            assertEquals(401, http.get("/api/me", token + "x").status(), "a bad token is refused");
            try (WsClient ws = WsClient.open(server.url(), token)) {
                ws.await(WsClient.type("welcome"));
                ws.send(Json.createObjectBuilder(Map.of("type", "send", "room", "den", "text", WS_TEXT, "clientMsgId", "c1")).build());
                ws.await(WsClient.type("ack"));
            }
            assertEquals(204, http.post("/api/auth/logout", token, "").status());
        }

        String version = dev.parley.standalone.internal.cli.Version.version();
        List<String> text = records.stream().map(r -> new OneLineFormatter().format(r)).toList();
        List<String> json = records.stream().map(r -> new JsonLineFormatter().format(r)).toList();
        assertTrue(text.stream().anyMatch(l -> l.contains("Parley " + version + " started at http://127.0.0.1:")
                && l.contains("store: embedded H2 in " + dataDir.resolve("db")) && l.contains("cluster: none")), () -> String.join("", text));
        assertTrue(text.stream().anyMatch(l -> l.contains("Parley stopped")), () -> String.join("", text));
        for (List<String> lines : List.of(text, json)) {
            for (String line : lines) {
                for (String secret : List.of(PASSWORD, WRONG_PASSWORD, token, TEXT, WS_TEXT, FILE_CONTENT)) {
                    assertFalse(line.contains(secret), () -> "a log line carries '" + secret + "': " + line);
                }
            }
        }
        for (String line : json) {
            assertEquals(1, line.strip().lines().count(), line);
            try (var reader = Json.createReader(new StringReader(line))) {
                JsonObject o = reader.readObject();
                assertTrue(o.containsKey("time") && o.containsKey("level") && o.containsKey("logger") && o.containsKey("message"), line);
            }
        }
    }

    @Test
    void everyModerationActIsLoggedWithWhoDidItToWhomAndNeverAReasonOrATopic() throws Exception {
        String reason = "the capybara reason 6182 nobody should log";
        String topic = "the axolotl topic 3307 nobody should log";
        try (StandaloneServer server = StandaloneServer.create(StandaloneConfig.builder().port(0).dataDir(dataDir)
                .chat(ChatConfig.builder().passwordHashCost(4).build()).build()).start()) {
            Http http = new Http(server.url());
            String alice = http.login("alice");
            String bob = http.login("bob");
            http.createRoom(alice, "den", "public");
            String den = "/api/rooms/den";
            assertEquals(200, http.post(den + "/join", bob, "").status());
            assertEquals(200, http.put(den + "/members/bob", alice, Http.json("role", "moderator")).status());
            assertEquals(200, http.put(den + "/members/bob", alice, Http.json("role", "member")).status());
            assertEquals(204, http.delete(den + "/members/bob", alice).status());
            assertEquals(204, http.post(den + "/bans", alice, Http.json("username", "bob", "reason", reason,
                    "until", "2099-01-01T00:00:00Z")).status());
            assertEquals(204, http.delete(den + "/bans/bob", alice).status());
            assertEquals(200, http.post(den + "/join", bob, "").status());
            assertEquals(204, http.post(den + "/mutes", alice, Http.json("username", "bob")).status());
            assertEquals(204, http.delete(den + "/mutes/bob", alice).status());
            assertEquals(200, http.patch(den, alice, Http.json("topic", topic)).status());
            Http.assertError(403, "FORBIDDEN", http.delete(den + "/members/alice", bob));
        }

        List<String> text = records.stream().map(r -> new OneLineFormatter().format(r)).toList();
        List<String> acts = records.stream().filter(r -> r.getLoggerName().equals("dev.parley.core.internal.Moderation"))
                .map(r -> new OneLineFormatter().format(r)).toList();
        for (String expected : List.of("action=role user=bob by=alice role=moderator", "action=role user=bob by=alice role=member",
                "action=kick user=bob by=alice", "action=ban user=bob by=alice until=2099-01-01T00:00:00Z",
                "action=unban user=bob by=alice", "action=mute user=bob by=alice", "action=unmute user=bob by=alice")) {
            assertEquals(1, acts.stream().filter(l -> l.contains("moderation: room=den " + expected)).count(),
                    () -> "one INFO line for '" + expected + "' in " + String.join("", acts));
        }
        assertEquals(1, acts.stream().filter(l -> l.contains("room update: room=den by=alice changed=[topic]")).count(),
                () -> String.join("", acts));
        assertEquals(8, acts.size(), () -> "one line per act, none for the refused kick: " + String.join("", acts));
        assertTrue(records.stream().filter(r -> r.getLoggerName().equals("dev.parley.core.internal.Moderation"))
                .allMatch(r -> r.getLevel() == Level.INFO));
        for (List<String> lines : List.of(text, records.stream().map(r -> new JsonLineFormatter().format(r)).toList())) {
            for (String line : lines) {
                assertFalse(line.contains(reason) || line.contains(topic), () -> "a log line carries a reason or topic: " + line);
            }
        }
    }
}
