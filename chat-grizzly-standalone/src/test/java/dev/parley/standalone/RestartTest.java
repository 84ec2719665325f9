package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.standalone.Http.Reply;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.parley.standalone.Http.json;
import static dev.parley.standalone.WsClient.frame;
import static dev.parley.standalone.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the default storage keeps across a restart over the same data directory, and what a shutdown does to sockets. */
class RestartTest {
    @TempDir
    Path dataDir;

    private StandaloneServer start() throws IOException {
        return StandaloneServer.create(StandaloneConfig.builder()
                .port(0)
                .dataDir(dataDir)
                .chat(ChatConfig.builder().passwordHashCost(4).build())
                .build()).start();
    }

    @Test
    void restartOverTheSameDataDirKeepsUsersTokensRoomsHistoryAndFiles() throws IOException {
        String token;
        String fileId;
        byte[] content = "kept across restarts".getBytes(StandardCharsets.UTF_8);
        try (StandaloneServer first = start()) {
            Http http = new Http(first.url());
            token = http.login("keeper");
            assertEquals(201, http.post("/api/rooms", token, json("id", "archive", "visibility", "private")).status());
            for (String text : List.of("one", "two", "three")) {
                assertEquals(201, http.post("/api/rooms/archive/messages", token, json("text", text)).status());
            }
            Reply uploaded = http.upload("/api/rooms/archive/files", token, "note.txt", "text/plain", content);
            assertEquals(201, uploaded.status(), uploaded.text());
            fileId = uploaded.object().getJsonObject("file").getString("id");
        }

        try (StandaloneServer second = start()) {
            Http http = new Http(second.url());
            Reply me = http.get("/api/me", token);
            assertEquals(200, me.status(), "the old token still works: the signing key was kept");
            assertEquals("keeper", me.object().getString("username"));

            Reply history = http.get("/api/rooms/archive/messages", token);
            assertEquals(200, history.status(), history.text());
            List<String> texts = history.object().getJsonArray("messages").stream()
                    .map(m -> m.asJsonObject().getString("text", "")).toList();
            assertTrue(texts.containsAll(List.of("one", "two", "three")), texts.toString());

            Reply download = http.get("/api/files/" + fileId, token);
            assertEquals(200, download.status());
            assertEquals(new String(content, StandardCharsets.UTF_8), download.text());

            assertEquals(200, http.post("/api/auth/login", null, json("username", "keeper", "password", "secret-keeper")).status(),
                    "the password was kept");
            assertEquals(409, http.post("/api/rooms", token, json("id", "archive")).status(), "the room was kept");
        }
    }

    @Test
    void closingTheServerClosesSocketsWithGoingAwayAndReleasesTheDatabase() throws IOException {
        StandaloneServer server = start();
        Http http = new Http(server.url());
        String token = http.login("leaver");
        try (WsClient socket = WsClient.open(server.url(), token)) {
            socket.await(type("welcome"));
            assertEquals(200, http.post("/api/rooms/general/join", token, "").status());
            socket.send(frame("send", "room", "general", "text", "last words", "clientMsgId", "bye-1"));
            socket.await(type("ack"));
            server.close();
            assertEquals(1001, socket.closeCode(Duration.ofSeconds(15)));
        }
        server.close();

        // The data dir is free again: a new server opens the same database at once.
        try (StandaloneServer again = start()) {
            Http next = new Http(again.url());
            String newToken = next.login("leaver");
            JsonObject last = next.get("/api/rooms/general/messages?limit=1", newToken).object()
                    .getJsonArray("messages").getJsonObject(0);
            assertEquals("last words", last.getString("text"), "the message acknowledged before the shutdown was stored");
        }
    }
}
