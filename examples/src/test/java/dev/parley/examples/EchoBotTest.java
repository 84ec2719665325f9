package dev.parley.examples;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.standalone.StandaloneConfig;
import dev.parley.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EchoBotTest {
    private static StandaloneServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = StandaloneServer.create(StandaloneConfig.builder().host("127.0.0.1").port(0).inMemory().build()).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static ChatClient user(String name, Inbox inbox) {
        ChatClient client = ChatClient.builder().server(server.url()).credentials(name, name + "-password").listener(inbox).build();
        client.register(name, name + "-password");
        return client;
    }

    @Test
    void echoesOtherUsersChatMessagesOnlyAndNeverItsOwn() throws Exception {
        try (EchoBot bot = EchoBot.start(server.url(), "echo-bot", "echo-bot-password", "echo-room")) {
            Inbox inbox = new Inbox();
            try (ChatClient alice = user("alice", inbox)) {
                alice.join("echo-room");   // the bot created it; this USER_JOINED must not be echoed
                alice.connect().join();
                alice.subscribe("echo-room").join();
                alice.send("echo-room", "hi").join();
                alice.send("echo-room", "second").join();
                // Room messages arrive in seq order and the bot handles them one at a time, so an echo
                // of its own echo (or of the join) would come before the answer to "second".
                assertEquals("alice said: hi", inbox.awaitFrom("echo-bot").text());
                Message echo = inbox.awaitFrom("echo-bot");
                assertEquals("alice said: second", echo.text());
                assertEquals(MessageKind.CHAT, echo.kind());
            }
        }
    }

    @Test
    void registersOnFirstStartAndLogsInLater() throws Exception {
        EchoBot.start(server.url(), "echo-twice", "echo-twice-password", "general").close();
        try (EchoBot again = EchoBot.start(server.url(), "echo-twice", "echo-twice-password", "general")) {
            Inbox inbox = new Inbox();
            try (ChatClient bob = user("bob", inbox)) {
                bob.join("general");
                bob.connect().join();
                bob.subscribe("general").join();
                bob.send("general", "still there?").join();
                assertEquals("bob said: still there?", inbox.awaitFrom("echo-twice").text());
            }
        }
    }

    @Test
    void refusesAnExistingAccountWithTheWrongPassword() {
        EchoBot.start(server.url(), "echo-locked", "the-right-password", "general").close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EchoBot.start(server.url(), "echo-locked", "a-wrong-password", "general"));
        assertTrue(e.getMessage().contains("echo-locked exists and the password is wrong"), e.getMessage());
    }

    @Test
    void unreachableServerFailsToStart() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ChatClientException e = assertThrows(ChatClientException.class,
                () -> EchoBot.start(URI.create("http://127.0.0.1:" + closedPort), "echo-bot", "echo-bot-password", "general"));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
    }
}
