package dev.parley.client.it;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.Ban;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomAct;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Moderation through the SDK against a real server: the calls, the listener events, the refusals. */
class ModerationIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ChatClient member(String name, Recorder recorder, String room) throws Exception {
        ChatClient c = server.user(name, recorder);
        c.login();
        c.join(room);
        c.connect().get(10, TimeUnit.SECONDS);
        c.subscribe(room).get(10, TimeUnit.SECONDS);
        return c;
    }

    @Test
    void actsReachSubscribersAsModerationAndRoomUpdatedEventsAndABanEndsTheSubscription() throws Exception {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        String aName = TestServer.name("alice");
        String bName = TestServer.name("bob");
        ChatClient alice = server.user(aName, ra);
        alice.login();
        String room = TestServer.name("modroom");
        alice.createRoom(room, Visibility.PUBLIC);
        alice.connect().get(10, TimeUnit.SECONDS);
        alice.subscribe(room).get(10, TimeUnit.SECONDS);
        try (ChatClient bob = member(bName, rb, room)) {
            Room updated = alice.admin().update(room, Optional.empty(), Optional.of("news"), Optional.empty());
            assertEquals("news", updated.topic());
            assertEquals("moderator", alice.admin().setRole(room, bName, Role.MODERATOR).role().wireName());
            alice.admin().mute(room, bName, Optional.of(Instant.now().plusSeconds(600)));
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> bob.send(room, "may I?").get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(ErrorCode.FORBIDDEN, assertInstanceOf(ChatClientException.class, refused.getCause()).code());
            alice.admin().unmute(room, bName);
            alice.admin().setRole(room, bName, Role.MEMBER);
            alice.admin().ban(room, bName, Optional.empty(), Optional.of("enough"));
            rb.await("the ban to end bob's subscription", WAIT, () -> rb.unsubscribed.contains(room + " banned"));
            ra.await("every act to reach alice", WAIT, () -> ra.acts.size() == 6);
            List<String> seen = ra.acts.stream().map(ModerationIT::describe).toList();
            assertEquals(List.of("ROOM_UPDATED topic=news", "role " + bName, "mute " + bName, "unmute " + bName,
                    "role " + bName, "ban " + bName), seen);
            assertTrue(rb.acts.stream().noneMatch(m -> m.act().orElseThrow() instanceof RoomAct.Moderation mod
                    && mod.action() == RoomAct.Action.BAN), "the banned user's subscription ended before the ban entry");
            List<Ban> bans = alice.admin().bans(room);
            assertEquals(1, bans.size());
            assertEquals(Optional.of("enough"), bans.get(0).reason());
            ChatClientException e = assertThrows(ChatClientException.class, () -> bob.join(room));
            assertEquals(ErrorCode.FORBIDDEN, e.code());
            List<Message> audit = alice.admin().audit(room, PageRequest.latest(50)).messages();
            assertEquals(6, audit.size());
            assertTrue(audit.stream().allMatch(m -> m.kind().isRoomAct()));
            ChatClientException badRole = assertThrows(ChatClientException.class,
                    () -> alice.admin().setRole(room, aName, Role.OWNER));
            assertEquals(ErrorCode.BAD_REQUEST, badRole.code());
        } finally {
            alice.close();
        }
    }

    private static String describe(Message m) {
        if (m.kind() == MessageKind.ROOM_UPDATED) {
            return "ROOM_UPDATED topic=" + ((RoomAct.RoomUpdate) m.act().orElseThrow()).topic().orElse("");
        }
        RoomAct.Moderation mod = (RoomAct.Moderation) m.act().orElseThrow();
        return mod.action().wireName() + " " + mod.user();
    }
}
