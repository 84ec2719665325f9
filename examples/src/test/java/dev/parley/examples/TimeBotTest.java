package dev.parley.examples;

import dev.parley.client.ChatClient;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Visibility;
import dev.parley.standalone.StandaloneConfig;
import dev.parley.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeBotTest {
    private static final Duration RESCAN = Duration.ofMillis(200);
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
        client.connect().join();
        return client;
    }

    /** Asserts "The time is <instant>" with an instant between the two bounds (to the second). */
    private static void assertTimeBetween(Instant before, Message answer, Instant after) {
        assertTrue(answer.text().startsWith("The time is "), answer.text());
        Instant told = Instant.parse(answer.text().substring("The time is ".length()));
        assertFalse(told.isBefore(before.truncatedTo(ChronoUnit.SECONDS)), answer.text() + " is before " + before);
        assertFalse(told.isAfter(after), answer.text() + " is after " + after);
    }

    @Test
    void answersTimeInADirectMessage() throws Exception {
        try (TimeBot bot = TimeBot.start(server.url(), "time-bot-dm", "time-bot-password", RESCAN)) {
            Inbox inbox = new Inbox();
            try (ChatClient carol = user("carol", inbox)) {
                Instant before = Instant.now();
                carol.sendDirect("time-bot-dm", "/time").join();
                Message answer = inbox.awaitFrom("time-bot-dm");
                assertEquals(MessageKind.PRIVATE, answer.kind());
                assertEquals("dm.carol.time-bot-dm", answer.room());
                assertTimeBetween(before, answer, Instant.now());
            }
        }
    }

    @Test
    void answersInARoomItIsAddedToWhileRunningAndIgnoresOtherText() throws Exception {
        try (TimeBot bot = TimeBot.start(server.url(), "time-bot-rooms", "time-bot-password", RESCAN)) {
            Inbox inbox = new Inbox();
            try (ChatClient dave = user("dave", inbox)) {
                dave.createRoom("ops", Visibility.PRIVATE);
                dave.subscribe("ops").join();
                dave.addMember("ops", "time-bot-rooms");
                // Sent at once, before the bot can have noticed the room: it still answers once it does.
                dave.send("ops", "what time is it?").join();
                Instant before = Instant.now();
                dave.send("ops", "/time").join();
                Message answer = inbox.await(m -> m.from().equals("time-bot-rooms") && m.kind() == MessageKind.CHAT, "answer in ops");
                assertEquals("ops", answer.room());
                assertTimeBetween(before, answer, Instant.now());
                // One answer only: the question without the command was ignored.
                List<Message> said = dave.history("ops", PageRequest.latest(50)).messages().stream()
                        .filter(m -> m.from().equals("time-bot-rooms") && m.kind() == MessageKind.CHAT).toList();
                assertEquals(List.of(answer.text()), said.stream().map(Message::text).toList());
            }
        }
    }

    @Test
    void answersInRoomsItWasAlreadyInWhenStartedAndInRoomsCreatedWithIt() throws Exception {
        Inbox inbox = new Inbox();
        try (ChatClient erin = user("erin", inbox)) {
            TimeBot.start(server.url(), "time-bot-again", "time-bot-password", RESCAN).close();   // registers it
            erin.createRoom("standup", Optional.empty(), Visibility.PRIVATE, List.of("time-bot-again"));
            erin.subscribe("standup").join();
            try (TimeBot bot = TimeBot.start(server.url(), "time-bot-again", "time-bot-password", RESCAN)) {
                erin.send("standup", "/time").join();
                assertEquals("standup", inbox.awaitFrom("time-bot-again").room());

                erin.createRoom("retro", Optional.empty(), Visibility.PRIVATE, List.of("time-bot-again"));
                erin.subscribe("retro").join();
                erin.send("retro", "/time").join();
                assertEquals("retro", inbox.awaitFrom("time-bot-again").room());
            }
        }
    }
}
