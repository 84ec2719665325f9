package dev.parley.protocol.internal;

import dev.parley.protocol.Ban;
import dev.parley.protocol.RoomAct;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Health;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.Visibility;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.parley.protocol.ReactionChange;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.MessageState;
import java.util.OptionalLong;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ModelJsonTest {

    public static final Instant T = Instant.parse("2024-05-01T12:34:56.789Z");
    public static final User ALICE = new User("u-1", "alice", T);
    static final FileInfo FILE = new FileInfo("f-9", "report \"final\".pdf", 12_345, "application/pdf");
    public static final Message CHAT = new Message(1001, "general", 7, MessageKind.CHAT, "alice",
            "hi <script>alert('x')</script> \"quoted\" \\ \n\t 😀 ünïcödé", T, Optional.of("c-1"), Optional.empty());
    public static final Message SHARED = new Message(1002, "general", 8, MessageKind.FILE_SHARED, "alice",
            "shared a file", T.plusSeconds(1), Optional.empty(), Optional.of(FILE));
    public static final Room ROOM = new Room("general", "General chat", Visibility.PUBLIC, "system", T);

    /** Reads back what was written, and checks that the JSON text survives a parse too. */
    private static <T> void assertRoundTrip(T value, Function<T, JsonObject> write, Function<JsonObject, T> read) {
        JsonObject json = write.apply(value);
        assertEquals(value, read.apply(json));
        assertEquals(value, read.apply(JsonFields.parseObject(JsonFields.write(json))));
    }

    private static JsonObject json(String text) {
        return JsonFields.parseObject(text);
    }

    private static ChatException assertBadRequest(Runnable r, String messagePart) {
        ChatException e = assertThrows(ChatException.class, r::run);
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains(messagePart), () -> "message was: " + e.getMessage());
        return e;
    }

    private static final RoomAct KICK = new RoomAct.Moderation(RoomAct.Action.KICK, "bob", "alice", Optional.empty(),
            Optional.empty(), Optional.empty());
    private static final RoomAct UPDATE = new RoomAct.RoomUpdate("alice", Optional.of("New"), Optional.empty(),
            Optional.of(true));

    @Test
    void roomActsAndBansWriteTheContractShapeAndRoundTrip() {
        Message ban = new Message(8, "general", 11, MessageKind.MODERATION, "alice", "bob was banned", T, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                MessageState.ORIGINAL, Optional.of(new RoomAct.Moderation(RoomAct.Action.BAN, "bob", "alice",
                Optional.empty(), Optional.of(T.plusSeconds(60)), Optional.of("spam"))));
        assertEquals(json("""
                {"id":8,"room":"general","seq":11,"kind":"MODERATION","from":"alice","text":"bob was banned",
                 "createdAt":"2024-05-01T12:34:56.789Z","action":"ban","user":"bob","by":"alice",
                 "until":"2024-05-01T12:35:56.789Z","reason":"spam"}"""), ModelJson.message(ban));
        assertRoundTrip(ban, ModelJson::message, ModelJson::message);
        Message role = new Message(9, "general", 12, MessageKind.MODERATION, "alice", "", T, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                MessageState.ORIGINAL, Optional.of(new RoomAct.Moderation(RoomAct.Action.ROLE, "bob", "alice",
                Optional.of(Role.MODERATOR), Optional.empty(), Optional.empty())));
        assertEquals("moderator", ModelJson.message(role).getString("role"));
        assertRoundTrip(role, ModelJson::message, ModelJson::message);
        Message update = new Message(10, "general", 13, MessageKind.ROOM_UPDATED, "alice", "", T, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                MessageState.ORIGINAL, Optional.of(new RoomAct.RoomUpdate("alice", Optional.empty(), Optional.of("t"),
                Optional.of(false))));
        assertEquals(json("""
                {"id":10,"room":"general","seq":13,"kind":"ROOM_UPDATED","from":"alice","text":"",
                 "createdAt":"2024-05-01T12:34:56.789Z","by":"alice","topic":"t","readOnly":false}"""),
                ModelJson.message(update));
        assertRoundTrip(update, ModelJson::message, ModelJson::message);
        for (Message m : List.of(ban, role, update)) {
            // Frames write messages through the generator path: the same fields.
            dev.parley.protocol.wire.ServerFrame frame = new dev.parley.protocol.wire.ServerFrame.MessageFrame(m);
            assertEquals(frame, dev.parley.protocol.wire.FrameCodec.decodeServer(dev.parley.protocol.wire.FrameCodec.encode(frame)));
        }
        dev.parley.protocol.wire.ServerFrame kicked = new dev.parley.protocol.wire.ServerFrame.Unsubscribed("general",
                Optional.of("kicked"));
        assertEquals("{\"type\":\"unsubscribed\",\"room\":\"general\",\"reason\":\"kicked\"}",
                dev.parley.protocol.wire.FrameCodec.encode(kicked));
        assertEquals(kicked, dev.parley.protocol.wire.FrameCodec.decodeServer(dev.parley.protocol.wire.FrameCodec.encode(kicked)));
        assertEquals(json("{\"username\":\"bob\",\"by\":\"alice\",\"until\":null,\"reason\":null}"),
                RoomActJson.ban(new Ban("bob", "alice", Optional.empty(), Optional.empty())));
        Ban timed = new Ban("bob", "alice", Optional.of(T), Optional.of("why"));
        assertEquals(timed, RoomActJson.ban(RoomActJson.ban(timed)));
        Room topical = new Room("r", "R", Visibility.PRIVATE, "alice", T, "a topic", true);
        assertRoundTrip(topical, ModelJson::room, ModelJson::room);
        assertBadRequest(() -> ModelJson.message(json("""
                {"id":7,"room":"general","seq":10,"kind":"MODERATION","from":"bob","text":"","action":"explode",
                 "user":"x","by":"y","createdAt":"2024-05-01T12:34:56.789Z"}""")), "action");
    }

    @Test
    void everyModelTypeRoundTrips() {
        assertRoundTrip(ALICE, ModelJson::user, ModelJson::user);
        assertRoundTrip(new UserProfile("bob", T, true), ModelJson::profile, ModelJson::profile);
        assertRoundTrip(new LoginResult("tok.en", T.plusSeconds(3600), ALICE), ModelJson::login, ModelJson::login);
        for (Visibility v : Visibility.values()) {
            assertRoundTrip(new Room("r-" + v.wireName(), "Room", v, "alice", T), ModelJson::room, ModelJson::room);
        }
        assertRoundTrip(new RoomListing(ROOM, true), ModelJson::roomListing, ModelJson::roomListing);
        assertRoundTrip(new RoomListing(ROOM, false), ModelJson::roomListing, ModelJson::roomListing);
        assertRoundTrip(new RoomListing(ROOM, true).withMute(Optional.of(Instant.parse("2030-01-02T03:04:05Z"))),
                ModelJson::roomListing, ModelJson::roomListing);
        assertRoundTrip(new RoomListing(ROOM, true).withMute(Optional.empty()), ModelJson::roomListing,
                ModelJson::roomListing);
        for (Role role : Role.values()) {
            assertRoundTrip(new Member("carol", role, false), ModelJson::member, ModelJson::member);
        }
        assertRoundTrip(FILE, ModelJson::fileInfo, ModelJson::fileInfo);
        assertRoundTrip(CHAT, ModelJson::message, ModelJson::message);
        assertRoundTrip(SHARED, ModelJson::message, ModelJson::message);
        for (MessageKind kind : MessageKind.values()) {
            Message m = new Message(5, "dm.alice.bob", 1, kind, "bob", "x", T, Optional.empty(), Optional.empty(),
                    OptionalLong.empty(), OptionalLong.empty(),
                    kind.isLifecycle() ? OptionalLong.of(4) : OptionalLong.empty(),
                    kind == MessageKind.REACTION ? Optional.of(new ReactionChange("👍", false)) : Optional.empty(),
                    MessageState.ORIGINAL, kind == MessageKind.MODERATION ? Optional.of(KICK)
                    : kind == MessageKind.ROOM_UPDATED ? Optional.of(UPDATE) : Optional.empty());
            assertRoundTrip(m, ModelJson::message, ModelJson::message);
        }
        MessageState state = new MessageState(Optional.of(T.plusSeconds(5)), true,
                List.of(new Reaction("🎉", 3, true), new Reaction(":+1:", 1, false)), 7, Optional.of(T.plusSeconds(9)));
        Message reply = new Message(6, "general", 9, MessageKind.CHAT, "bob", "", T, Optional.empty(), Optional.empty(),
                OptionalLong.of(2), OptionalLong.of(1), OptionalLong.empty(), Optional.empty(), state);
        assertRoundTrip(reply, ModelJson::message, ModelJson::message);
        assertRoundTrip(new HistoryPage(List.of(CHAT, SHARED), true), ModelJson::historyPage, ModelJson::historyPage);
        assertRoundTrip(new HistoryPage(List.of(), false), ModelJson::historyPage, ModelJson::historyPage);
        assertRoundTrip(new EventsPage(List.of(CHAT, SHARED), 1002), ModelJson::eventsPage, ModelJson::eventsPage);
        assertRoundTrip(new SharedFile(FILE, SHARED), ModelJson::sharedFile, ModelJson::sharedFile);
    }

    @Test
    void lifecycleFieldsAndCurrentStateUseTheContractKeys() {
        MessageState state = new MessageState(Optional.of(T.plusSeconds(5)), false,
                List.of(new Reaction("🎉", 3, true)), 2, Optional.of(T.plusSeconds(9)));
        Message root = new Message(6, "general", 9, MessageKind.CHAT, "bob", "hi", T, Optional.empty(), Optional.empty(),
                OptionalLong.of(2), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), state);
        assertEquals(json("""
                {"id":6,"room":"general","seq":9,"kind":"CHAT","from":"bob","text":"hi",
                 "createdAt":"2024-05-01T12:34:56.789Z","replyTo":2,"editedAt":"2024-05-01T12:35:01.789Z",
                 "reactions":[{"emoji":"🎉","count":3,"me":true}],"replies":2,"lastReplyAt":"2024-05-01T12:35:05.789Z"}
                """), ModelJson.message(root));
        Message reaction = new Message(7, "general", 10, MessageKind.REACTION, "bob", "", T, Optional.of("c-9"),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(6),
                Optional.of(new ReactionChange("🎉", true)), MessageState.ORIGINAL);
        assertEquals(json("""
                {"id":7,"room":"general","seq":10,"kind":"REACTION","from":"bob","text":"",
                 "createdAt":"2024-05-01T12:34:56.789Z","clientMsgId":"c-9","target":6,"emoji":"🎉","active":true}
                """), ModelJson.message(reaction));
        assertBadRequest(() -> ModelJson.message(json("""
                {"id":7,"room":"general","seq":10,"kind":"EDIT","from":"bob","text":"",
                 "createdAt":"2024-05-01T12:34:56.789Z"}""")), "message");
    }

    @Test
    void messageWritesTheContractShapeAndOmitsEmptyOptionalKeys() {
        assertEquals(json("""
                {"id":1002,"room":"general","seq":8,"kind":"FILE_SHARED","from":"alice","text":"shared a file",
                 "createdAt":"2024-05-01T12:34:57.789Z",
                 "file":{"id":"f-9","name":"report \\"final\\".pdf","size":12345,"contentType":"application/pdf"}}
                """), ModelJson.message(SHARED));
        JsonObject chat = ModelJson.message(CHAT);
        assertEquals("c-1", chat.getString("clientMsgId"));
        assertFalse(chat.containsKey("file"));
    }

    @Test
    void usersRoomsAndLoginWriteTheContractShape() {
        assertEquals(json("{\"id\":\"u-1\",\"username\":\"alice\",\"createdAt\":\"2024-05-01T12:34:56.789Z\","
                        + "\"displayName\":null}"),
                ModelJson.user(ALICE));
        assertEquals(json("""
                {"id":"general","name":"General chat","visibility":"public","owner":"system",
                 "createdAt":"2024-05-01T12:34:56.789Z","topic":"","readOnly":false,"member":true}"""),
                ModelJson.roomListing(new RoomListing(ROOM, true)));
        assertEquals(json("""
                {"id":"general","name":"General chat","visibility":"public","owner":"system",
                 "createdAt":"2024-05-01T12:34:56.789Z","topic":"","readOnly":false,"member":true,
                 "muted":true,"mutedUntil":"2030-01-02T03:04:05Z"}"""),
                ModelJson.roomListing(new RoomListing(ROOM, true).withMute(Optional.of(Instant.parse("2030-01-02T03:04:05Z")))));
        assertEquals(json("{\"username\":\"carol\",\"role\":\"owner\",\"online\":true,\"displayName\":null}"),
                ModelJson.member(new Member("carol", Role.OWNER, true)));
        JsonObject login = ModelJson.login(new LoginResult("abc", T, ALICE));
        assertEquals("Bearer", login.getString("tokenType"));
        assertEquals("2024-05-01T12:34:56.789Z", login.getString("expiresAt"));
        assertEquals(ModelJson.user(ALICE), login.getJsonObject("user"));
        assertEquals(json("{\"messages\":[],\"hasMore\":false}"), ModelJson.historyPage(new HistoryPage(List.of(), false)));
        assertEquals(json("{\"events\":[],\"cursor\":42}"), ModelJson.eventsPage(new EventsPage(List.of(), 42)));
    }

    @Test
    void displayNamesAreWrittenWhereSetAndNullWhereNotAndReadBack() {
        User named = ALICE.withDisplayName(Optional.of("Alice \"L\""));
        assertEquals("Alice \"L\"", ModelJson.user(named).getString("displayName"));
        assertEquals(named, ModelJson.user(ModelJson.user(named)));
        assertEquals(ALICE, ModelJson.user(ModelJson.user(ALICE)));
        UserProfile profile = new UserProfile("bob", T, true, Optional.of("Bob"));
        assertEquals(json("{\"username\":\"bob\",\"createdAt\":\"2024-05-01T12:34:56.789Z\",\"online\":true,"
                + "\"displayName\":\"Bob\"}"), ModelJson.profile(profile));
        assertEquals(profile, ModelJson.profile(ModelJson.profile(profile)));
        Member member = new Member("carol", Role.MEMBER, false, Optional.of("Carol"));
        assertEquals(member, ModelJson.member(ModelJson.member(member)));
        assertEquals(Optional.empty(), ModelJson.user(json("{\"id\":\"u-1\",\"username\":\"alice\","
                + "\"createdAt\":\"2024-05-01T12:34:56.789Z\"}")).displayName(), "a v1 user has none");
    }

    @Test
    void errorBodyCarriesCodeAndMessage() {
        assertEquals("{\"error\":\"NOT_FOUND\",\"message\":\"no room \\\"x\\\"\"}",
                JsonFields.write(ModelJson.error(ErrorCode.NOT_FOUND, "no room \"x\"")));
    }

    @Test
    void healthWritesDetailsOnlyWhenThereAreAny() {
        assertEquals("{\"status\":\"UP\"}", JsonFields.write(ModelJson.health(new Health("UP", Map.of()))));
        assertEquals(json("{\"status\":\"DEGRADED\",\"details\":{\"bus\":\"down: refused\",\"db\":\"up\"}}"),
                ModelJson.health(new Health("DEGRADED", Map.of("db", "up", "bus", "down: refused"))));
    }

    @Test
    void writeIsCompactAndKeepsUnicodeAndEscapesQuotes() {
        String text = JsonFields.write(ModelJson.message(CHAT));
        assertFalse(text.contains("\n"), text);
        assertTrue(text.startsWith("{\"id\":1001,\"room\":\"general\""), text);
        assertTrue(text.contains("😀"), text);
        assertTrue(text.contains("\\\"quoted\\\""), text);
        assertEquals(CHAT.text(), JsonFields.parseObject(text).getString("text"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":}", "nul", "{\"a\":1} trailing", "{}{}", "'single'"})
    void parseObjectRefusesMalformedJsonWithBadRequest(String text) {
        assertBadRequest(() -> JsonFields.parseObject(text), "JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "true", "null"})
    void parseObjectRefusesJsonThatIsNotAnObject(String text) {
        assertBadRequest(() -> JsonFields.parseObject(text), "expected a JSON object, got ");
    }

    @Test
    void parseObjectRefusesDeepNestingAndHugeNumbersWithBadRequest() {
        assertBadRequest(() -> JsonFields.parseObject("{\"a\":" + "[".repeat(100_000)), "invalid JSON");
        assertBadRequest(() -> JsonFields.parseObject("{\"a\":" + "9".repeat(50_000) + "}"), "invalid JSON");
    }

    @Test
    void readingAMessageNamesTheMissingOrIllTypedField() {
        JsonObject good = ModelJson.message(CHAT);
        assertBadRequest(() -> ModelJson.message(without(good, "room")), "message needs a string \"room\"");
        assertBadRequest(() -> ModelJson.message(with(good, "seq", "\"7\"")), "message needs an integer \"seq\"");
        assertBadRequest(() -> ModelJson.message(with(good, "seq", "7.5")), "message needs an integer \"seq\"");
        assertBadRequest(() -> ModelJson.message(with(good, "id", "1e999999999")), "message needs an integer \"id\"");
        assertBadRequest(() -> ModelJson.message(with(good, "id", "92233720368547758070")), "needs an integer \"id\"");
        assertBadRequest(() -> ModelJson.message(with(good, "seq", "0")), "invalid message: seq must be >= 1");
        assertBadRequest(() -> ModelJson.message(with(good, "kind", "\"SHOUT\"")), "\"kind\" to be one of");
        assertBadRequest(() -> ModelJson.message(with(good, "createdAt", "\"yesterday\"")),
                "message needs an ISO-8601 time \"createdAt\"");
        assertBadRequest(() -> ModelJson.message(with(good, "clientMsgId", "5")), "\"clientMsgId\" to be a string");
        assertBadRequest(() -> ModelJson.message(with(good, "file", "[]")), "message needs an object \"file\"");
        assertBadRequest(() -> ModelJson.message(with(good, "file", "{\"id\":\"f\",\"name\":\"n\",\"size\":-1,"
                + "\"contentType\":\"a/b\"}")), "invalid file: size must be >= 0");
        assertEquals(Optional.empty(), ModelJson.message(with(good, "clientMsgId", "null")).clientMsgId());
    }

    @Test
    void readingOtherModelsNamesTheBadField() {
        assertBadRequest(() -> ModelJson.user(json("{\"id\":1,\"username\":\"a\",\"createdAt\":\"2024-01-01T00:00:00Z\"}")),
                "user needs a string \"id\"");
        assertBadRequest(() -> ModelJson.room(with(ModelJson.room(ROOM), "visibility", "\"secret\"")),
                "room needs \"visibility\" to be one of \"public\", \"private\", \"direct\"");
        assertBadRequest(() -> ModelJson.member(json("{\"username\":\"a\",\"role\":\"boss\",\"online\":true}")),
                "\"role\" to be one of");
        assertBadRequest(() -> ModelJson.member(json("{\"username\":\"a\",\"role\":\"owner\",\"online\":\"yes\"}")),
                "member needs a boolean \"online\"");
        assertBadRequest(() -> ModelJson.login(json("{\"token\":\"t\",\"expiresAt\":\"2024-01-01T00:00:00Z\"}")),
                "login needs an object \"user\"");
        assertBadRequest(() -> ModelJson.historyPage(json("{\"messages\":{},\"hasMore\":true}")),
                "history page needs an array \"messages\"");
        assertBadRequest(() -> ModelJson.historyPage(json("{\"messages\":[1],\"hasMore\":true}")),
                "to hold only objects, found a number");
        assertBadRequest(() -> ModelJson.eventsPage(json("{\"events\":[],\"cursor\":null}")),
                "events page needs an integer \"cursor\"");
        assertBadRequest(() -> ModelJson.sharedFile(json("{\"file\":{}}")), "file needs a string \"id\"");
    }

    static JsonObject with(JsonObject o, String key, String jsonValue) {
        return JsonFields.BUILDERS.createObjectBuilder(o).add(key, json("{\"v\":" + jsonValue + "}").get("v")).build();
    }

    static JsonObject without(JsonObject o, String key) {
        return JsonFields.BUILDERS.createObjectBuilder(o).remove(key).build();
    }
}
