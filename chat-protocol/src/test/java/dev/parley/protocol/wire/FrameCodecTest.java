package dev.parley.protocol.wire;

import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.parley.protocol.internal.ModelJsonTest.ALICE;
import static dev.parley.protocol.internal.ModelJsonTest.CHAT;
import static dev.parley.protocol.internal.ModelJsonTest.ROOM;
import static dev.parley.protocol.internal.ModelJsonTest.SHARED;
import static dev.parley.protocol.internal.ModelJsonTest.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoding of both directions, and decoding of server frames (SDK side). */
class FrameCodecTest {

    static final int LIMIT = 64 * 1024;

    private static JsonObject json(String text) {
        return JsonFields.parseObject(text);
    }

    private static JsonObject encoded(ServerFrame f) {
        return json(FrameCodec.encode(f));
    }

    @Test
    void everyServerFrameRoundTrips() {
        List<ServerFrame> frames = List.of(
                new ServerFrame.Welcome(ALICE, T),
                new ServerFrame.Subscribed("general", 42, false),
                new ServerFrame.Subscribed("general", 42, true),
                new ServerFrame.Unsubscribed("general"),
                new ServerFrame.MessageFrame(CHAT),
                new ServerFrame.MessageFrame(SHARED),
                new ServerFrame.Ack(Optional.of("c-1"), 1001, 7, "general"),
                new ServerFrame.Ack(Optional.empty(), 1001, 7, "dm.alice.bob"),
                new ServerFrame.Typing("general", "bob", true),
                new ServerFrame.Typing("general", "bob", false),
                new ServerFrame.Presence("bob", true),
                new ServerFrame.Presence("bob", false),
                new ServerFrame.Pong(),
                new ServerFrame.RoomChanged(ServerFrame.RoomEvent.CREATED, ROOM),
                new ServerFrame.RoomChanged(ServerFrame.RoomEvent.REMOVED, ROOM),
                new ServerFrame.Ack(Optional.of("r-1"), OptionalLong.empty(), OptionalLong.empty(), "general"),
                new ServerFrame.Error(ErrorCode.FORBIDDEN, "not a member of \"x\"", Optional.of("c-9")),
                new ServerFrame.Error(ErrorCode.RATE_LIMITED, "slow down", Optional.empty()));
        for (ServerFrame f : frames) {
            assertEquals(f, FrameCodec.decodeServer(FrameCodec.encode(f)), () -> "frame " + f);
        }
    }

    @Test
    void everyClientFrameRoundTrips() {
        List<ClientFrame> frames = List.of(
                new ClientFrame.Subscribe("general", OptionalLong.empty()),
                new ClientFrame.Subscribe("general", OptionalLong.of(0)),
                new ClientFrame.Subscribe("general", OptionalLong.of(Long.MAX_VALUE)),
                new ClientFrame.Unsubscribe("general"),
                new ClientFrame.Send("general", "hello", Optional.of("c-1")),
                new ClientFrame.Send("general", "hello", Optional.empty()),
                new ClientFrame.Dm("bob", "psst", Optional.of("c-2")),
                new ClientFrame.Dm("bob", "psst", Optional.empty()),
                new ClientFrame.Typing("general", true),
                new ClientFrame.Typing("general", false),
                new ClientFrame.Ping());
        for (ClientFrame f : frames) {
            assertEquals(f, FrameCodec.decodeClient(FrameCodec.encode(f), LIMIT), () -> "frame " + f);
        }
    }

    @Test
    void serverFramesHaveTheContractShape() {
        assertEquals(json("{\"type\":\"welcome\",\"user\":{\"id\":\"u-1\",\"username\":\"alice\","
                + "\"createdAt\":\"2024-05-01T12:34:56.789Z\",\"displayName\":null},\"serverTime\":\"2024-05-01T12:34:56.789Z\"}"),
                encoded(new ServerFrame.Welcome(ALICE, T)));
        assertEquals(json("{\"type\":\"subscribed\",\"room\":\"general\",\"lastSeq\":42}"),
                encoded(new ServerFrame.Subscribed("general", 42, false)));
        assertEquals(json("{\"type\":\"subscribed\",\"room\":\"general\",\"lastSeq\":42,\"truncated\":true}"),
                encoded(new ServerFrame.Subscribed("general", 42, true)));
        assertEquals(json("{\"type\":\"unsubscribed\",\"room\":\"general\"}"),
                encoded(new ServerFrame.Unsubscribed("general")));
        assertEquals(json("{\"type\":\"ack\",\"clientMsgId\":\"c-1\",\"id\":1001,\"seq\":7,\"room\":\"general\"}"),
                encoded(new ServerFrame.Ack(Optional.of("c-1"), 1001, 7, "general")));
        assertEquals(json("{\"type\":\"ack\",\"id\":1001,\"seq\":7,\"room\":\"general\"}"),
                encoded(new ServerFrame.Ack(Optional.empty(), 1001, 7, "general")));
        assertEquals(json("{\"type\":\"typing\",\"room\":\"general\",\"user\":\"bob\",\"active\":true}"),
                encoded(new ServerFrame.Typing("general", "bob", true)));
        assertEquals(json("{\"type\":\"presence\",\"user\":\"bob\",\"status\":\"online\"}"),
                encoded(new ServerFrame.Presence("bob", true)));
        assertEquals(json("{\"type\":\"presence\",\"user\":\"bob\",\"status\":\"offline\"}"),
                encoded(new ServerFrame.Presence("bob", false)));
        assertEquals("{\"type\":\"pong\"}", FrameCodec.encode(new ServerFrame.Pong()));
        assertEquals(json("{\"type\":\"room\",\"event\":\"added\",\"room\":" + ModelJson.room(ROOM) + "}"),
                encoded(new ServerFrame.RoomChanged(ServerFrame.RoomEvent.ADDED, ROOM)));
        assertEquals(json("{\"type\":\"ack\",\"clientMsgId\":\"r-1\",\"room\":\"general\"}"),
                encoded(ServerFrame.Ack.nothingPosted(Optional.of("r-1"), "general")));
        assertEquals(json("{\"type\":\"error\",\"code\":\"BAD_REQUEST\",\"message\":\"no\",\"ref\":\"c-1\"}"),
                encoded(new ServerFrame.Error(ErrorCode.BAD_REQUEST, "no", Optional.of("c-1"))));
        assertEquals(json("{\"type\":\"error\",\"code\":\"TOO_LARGE\",\"message\":\"big\"}"),
                encoded(new ServerFrame.Error(ErrorCode.TOO_LARGE, "big", Optional.empty())));
    }

    @Test
    void messageFrameCarriesExactlyTheRestMessageObject() {
        for (Message m : List.of(CHAT, SHARED)) {
            JsonObject frame = encoded(new ServerFrame.MessageFrame(m));
            assertEquals("message", frame.getString("type"));
            assertEquals(2, frame.size());
            assertEquals(ModelJson.message(m), frame.getJsonObject("message"));
        }
    }

    @Test
    void messageFrameIsCompactText() {
        String text = FrameCodec.encode(new ServerFrame.MessageFrame(SHARED));
        assertTrue(text.startsWith("{\"type\":\"message\",\"message\":{\"id\":1002,\"room\":\"general\",\"seq\":8,"), text);
        assertFalse(text.contains(" \"") || text.contains("\n"), text);
    }

    @Test
    void clientFramesHaveTheContractShape() {
        assertEquals(json("{\"type\":\"send\",\"room\":\"general\",\"text\":\"hi\",\"clientMsgId\":\"c-1\"}"),
                json(FrameCodec.encode(new ClientFrame.Send("general", "hi", Optional.of("c-1")))));
        assertEquals(json("{\"type\":\"subscribe\",\"room\":\"general\",\"since\":5}"),
                json(FrameCodec.encode(new ClientFrame.Subscribe("general", OptionalLong.of(5)))));
        assertEquals(json("{\"type\":\"subscribe\",\"room\":\"general\"}"),
                json(FrameCodec.encode(new ClientFrame.Subscribe("general", OptionalLong.empty()))));
        assertEquals(json("{\"type\":\"dm\",\"to\":\"bob\",\"text\":\"x\"}"),
                json(FrameCodec.encode(new ClientFrame.Dm("bob", "x", Optional.empty()))));
        assertEquals(json("{\"type\":\"typing\",\"room\":\"general\",\"active\":false}"),
                json(FrameCodec.encode(new ClientFrame.Typing("general", false))));
        assertEquals("{\"type\":\"ping\"}", FrameCodec.encode(new ClientFrame.Ping()));
    }

    @Test
    void encodingAnInvalidClientFrameIsRefused() {
        ClientFrame invalid = new ClientFrame.Invalid(ErrorCode.BAD_REQUEST, "x", Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.encode(invalid));
    }

    @Test
    void scriptTagsQuotesAndEmojiSurviveBothDirections() {
        String text = "<script>alert(\"x\")</script> \\ \u0000 \u2028 😀👍🏽 日本語 'single'";
        Message m = new Message(1, "general", 1, MessageKind.CHAT, "alice", text, T,
                Optional.of("id \"with\" quotes 😀"), Optional.empty());
        ServerFrame out = FrameCodec.decodeServer(FrameCodec.encode(new ServerFrame.MessageFrame(m)));
        assertEquals(new ServerFrame.MessageFrame(m), out);
        ClientFrame send = new ClientFrame.Send("general", text, Optional.of("😀"));
        assertEquals(send, FrameCodec.decodeClient(FrameCodec.encode(send), LIMIT));
        String encoded = FrameCodec.encode(send);
        assertTrue(encoded.contains("\\\"x\\\"") && encoded.contains("\\u0000"), encoded);
    }

    @Test
    void decodeServerIgnoresUnknownFields() {
        assertEquals(new ServerFrame.Pong(), FrameCodec.decodeServer("{\"type\":\"pong\",\"extra\":[1,{}]}"));
        assertEquals(new ServerFrame.Presence("bob", true),
                FrameCodec.decodeServer("{\"status\":\"online\",\"type\":\"presence\",\"user\":\"bob\",\"v\":2}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[]",
            "{\"type\":\"pong\"} extra",
            "{}",
            "{\"type\":7}",
            "{\"type\":\"party\"}",
            "{\"type\":\"subscribed\",\"room\":\"r\"}",
            "{\"type\":\"subscribed\",\"room\":\"r\",\"lastSeq\":1,\"truncated\":\"yes\"}",
            "{\"type\":\"message\",\"message\":\"hi\"}",
            "{\"type\":\"message\",\"message\":{}}",
            "{\"type\":\"ack\",\"id\":1,\"seq\":1}",
            "{\"type\":\"presence\",\"user\":\"bob\",\"status\":\"away\"}",
            "{\"type\":\"error\",\"code\":\"OOPS\",\"message\":\"m\"}",
            "{\"type\":\"error\",\"code\":\"FORBIDDEN\"}",
            "{\"type\":\"welcome\",\"user\":{\"id\":\"u\",\"username\":\"a\",\"createdAt\":\"now\"},\"serverTime\":\"x\"}",
    })
    void decodeServerRefusesBadFramesWithBadRequest(String text) {
        ChatException e = assertThrows(ChatException.class, () -> FrameCodec.decodeServer(text));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void decodeServerNamesTheProblem() {
        assertEquals("unknown frame type \"party\"",
                assertThrows(ChatException.class, () -> FrameCodec.decodeServer("{\"type\":\"party\"}")).getMessage());
        assertEquals("ack needs a string \"room\"", assertThrows(ChatException.class,
                () -> FrameCodec.decodeServer("{\"type\":\"ack\",\"id\":1,\"seq\":1}")).getMessage());
    }
}
