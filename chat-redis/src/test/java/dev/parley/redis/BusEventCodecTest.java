package dev.parley.redis;

import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.Room;
import dev.parley.protocol.Visibility;
import dev.parley.core.spi.BusEvent;
import dev.parley.redis.internal.BusEventCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pins the JSON form of bus events on the Redis channel. */
class BusEventCodecTest {
    private static final Message MESSAGE = new Message(123456789L, "general", 42, MessageKind.FILE_SHARED, "alice",
            "plan.pdf", Instant.parse("2024-05-01T10:00:00.123Z"), Optional.of("c-1"),
            Optional.of(new FileInfo("f1", "plan.pdf", 2048, "application/pdf")));

    @Test
    void everyKindOfEventSurvivesARoundTrip() {
        List<BusEvent> events = List.of(
                new BusEvent.MessagePosted("node-a", MESSAGE),
                new BusEvent.MessagePosted("node-a", new Message(1, "dm.alice.bob", 1, MessageKind.PRIVATE, "bob", "hi",
                        Instant.parse("2024-05-01T10:00:00Z"), Optional.empty(), Optional.empty())),
                new BusEvent.Typing("node-a", "general", "alice", true),
                new BusEvent.PresenceChanged("node-b", "bob", false),
                new BusEvent.MembershipChanged("node-c", "team", "carol", true),
                new BusEvent.RoomCreated("node-b", new Room("team", "The Team", Visibility.PUBLIC, "alice",
                        Instant.parse("2024-05-01T10:00:00Z"))),
                new BusEvent.TokenRevoked("node-a", "token-1"),
                new BusEvent.TokensRevoked("node-b", "alice", Optional.of("token-2")),
                new BusEvent.TokensRevoked("node-c", "bob", Optional.empty()));
        for (BusEvent e : events) {
            assertEquals(e, BusEventCodec.decode(BusEventCodec.encode(e)));
        }
    }

    @Test
    void anEventIsOneLineOfJsonNamingItsTypeAndVersion() {
        String text = BusEventCodec.encode(new BusEvent.PresenceChanged("node-b", "bob", true));
        assertEquals("{\"v\":1,\"origin\":\"node-b\",\"type\":\"presence\",\"user\":\"bob\",\"online\":true}", text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[1,2]",
        "{\"v\":2,\"origin\":\"a\",\"type\":\"presence\",\"user\":\"bob\",\"online\":true}",
        "{\"v\":1,\"origin\":\"a\",\"type\":\"gossip\"}",
        "{\"v\":1,\"origin\":\"a\",\"type\":\"presence\",\"user\":\"bob\"}",
        "{\"v\":1,\"origin\":\"a\",\"type\":\"presence\",\"user\":7,\"online\":true}",
        "{\"v\":1,\"type\":\"tokenRevoked\",\"tokenId\":\"t\"}",
        "{\"v\":1,\"origin\":\"a\",\"type\":\"message\",\"message\":{\"id\":1}}"
    })
    void unreadableTextIsRefusedWithAReason(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BusEventCodec.decode(text));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}
