package dev.parley.client.it;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.ReadCounts;
import dev.parley.protocol.ReadMarker;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChatClient#markRead}, {@link ChatClient#reads}, the counts of {@link ChatClient#rooms} and the
 * {@code onRead} and {@code onMention} callbacks against a real standalone server, with the refusals.
 */
class ReadStateIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ReadCounts counts(ChatClient c, String room) {
        return c.rooms().stream().filter(l -> l.room().id().equals(room)).findFirst()
                .flatMap(RoomListing::counts).orElseThrow(() -> new AssertionError("no counts for " + room));
    }

    private static long marker(ChatClient c, String room, String user) {
        return c.reads(room).stream().filter(m -> m.username().equals(user)).findFirst()
                .map(ReadMarker::lastReadSeq).orElseThrow(() -> new AssertionError(user + " not in the reads of " + room));
    }

    @Test
    void markReadMovesTheMarkerForwardOnlyAndEveryoneConcernedHearsOfIt() throws Exception {
        String annName = TestServer.name("ann");
        String benName = TestServer.name("ben");
        String room = TestServer.name("reading");
        Recorder ann = new Recorder();
        Recorder annElsewhere = new Recorder();
        Recorder ben = new Recorder();
        try (ChatClient a = server.user(annName, ann);
             ChatClient a2 = server.user(annName, annElsewhere);
             ChatClient b = server.user(benName, ben)) {
            a.login();
            b.login();
            a.createRoom(room, Visibility.PUBLIC);
            b.join(room);
            a.connect().get(10, TimeUnit.SECONDS);
            a2.connect().get(10, TimeUnit.SECONDS);
            b.connect().get(10, TimeUnit.SECONDS);
            b.subscribe(room).get(10, TimeUnit.SECONDS);
            a2.subscribe(room).get(10, TimeUnit.SECONDS);

            long mention = b.send(room, "are you there @" + annName.toUpperCase() + "?").get(10, TimeUnit.SECONDS).seq().getAsLong();
            long plain = b.send(room, "nothing for ann").get(10, TimeUnit.SECONDS).seq().getAsLong();
            ReadCounts before = counts(a, room);
            assertEquals(new ReadCounts(plain, 0, 2, 1), before, "two unread from ben, one of them a mention");
            assertEquals(0, marker(a, room, annName));

            a.markRead(room, mention);
            ben.await("ben hears ann's marker", WAIT, () -> ben.reads.contains(room + " " + annName + " " + mention));
            annElsewhere.await("ann's other connection hears it too", WAIT,
                    () -> annElsewhere.reads.contains(room + " " + annName + " " + mention));
            assertEquals(mention, marker(b, room, annName));
            assertEquals(0, marker(b, room, benName), "ben has read nothing");
            assertEquals(new ReadCounts(plain, mention, 1, 0), counts(a, room));

            a.markRead(room, 1); // older: a no-op
            assertEquals(mention, marker(a, room, annName), "a marker never moves back");
            a.markRead(room, plain);
            assertEquals(new ReadCounts(plain, plain, 0, 0), counts(a, room));
            // Own messages never count as unread.
            a.send(room, "my own line").get(10, TimeUnit.SECONDS);
            assertEquals(0, counts(a, room).unread());
        }
    }

    @Test
    void aMentionInARoomNotSubscribedComesAsOnMentionAndASubscribedOneAsAMessage() throws Exception {
        String annName = TestServer.name("ann");
        String benName = TestServer.name("ben");
        String room = TestServer.name("calls");
        Recorder ann = new Recorder();
        try (ChatClient a = server.user(annName, ann);
             ChatClient b = server.user(benName, new Recorder())) {
            a.login();
            b.login();
            b.createRoom(room, Visibility.PUBLIC);
            a.join(room);
            a.connect().get(10, TimeUnit.SECONDS);
            b.connect().get(10, TimeUnit.SECONDS);

            b.send(room, "no mention here").get(10, TimeUnit.SECONDS);
            long called = b.send(room, "ping @" + annName).get(10, TimeUnit.SECONDS).id().getAsLong();
            ann.await("the mention", WAIT, () -> !ann.mentions.isEmpty());
            Message m = ann.mentions.get(0);
            assertEquals(called, m.id());
            assertEquals(room, m.room());
            assertEquals(List.of(annName), m.mentions());
            assertEquals(1, ann.mentions.size(), "only the message that mentions her");
            assertTrue(ann.in(room).isEmpty(), "not subscribed: no onMessage");

            a.subscribe(room).get(10, TimeUnit.SECONDS);
            long again = b.send(room, "@" + annName + " again").get(10, TimeUnit.SECONDS).id().getAsLong();
            ann.await("the message", WAIT, () -> ann.in(room).stream().anyMatch(x -> x.id() == again));
            assertEquals(List.of(annName), ann.in(room).stream().filter(x -> x.id() == again).findFirst().orElseThrow().mentions());
            assertEquals(1, ann.mentions.size(), "a subscribed room's mention is a message, not onMention");
        }
    }

    @Test
    void badReadsAnswerTheContractsErrors() throws Exception {
        String annName = TestServer.name("ann");
        String room = TestServer.name("strict");
        String hidden = TestServer.name("hidden");
        String open = TestServer.name("open");
        try (ChatClient a = server.user(annName, new Recorder());
             ChatClient c = server.user(TestServer.name("cy"), new Recorder())) {
            a.login();
            c.login();
            a.createRoom(room, Visibility.PUBLIC);
            c.createRoom(hidden, Visibility.PRIVATE);
            c.createRoom(open, Visibility.PUBLIC);
            long last = counts(a, room).lastSeq();
            assertEquals(ErrorCode.BAD_REQUEST,
                    assertThrows(ChatClientException.class, () -> a.markRead(room, last + 100)).code(), "beyond the last seq");
            assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ChatClientException.class, () -> a.markRead(room, -1)).code());
            assertEquals(ErrorCode.NOT_FOUND,
                    assertThrows(ChatClientException.class, () -> a.markRead("no-such-room", 0)).code());
            assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChatClientException.class, () -> a.reads("no-such-room")).code());
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatClientException.class, () -> a.markRead(hidden, 0)).code(),
                    "a private room of others");
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatClientException.class, () -> a.reads(hidden)).code());
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatClientException.class, () -> a.markRead(open, 0)).code(),
                    "a public room she has not joined");
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatClientException.class, () -> a.reads(open)).code());
            assertEquals(0, marker(a, room, annName), "nothing refused moved the marker");
        }
    }
}
