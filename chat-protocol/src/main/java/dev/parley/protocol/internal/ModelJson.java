package dev.parley.protocol.internal;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ClientRules;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Health;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.ReactionChange;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.Visibility;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.parley.protocol.internal.JsonFields.*;

/**
 * The JSON form of Parley's model, exactly as the wire contract writes it: the REST adapters use it
 * for bodies, the SDK to read them back, and {@link dev.parley.protocol.wire.FrameCodec} for the objects inside
 * frames. The field readers and the text form live in {@link JsonFields}.
 *
 * <p>Writing never fails for a valid model value. Reading checks every field and answers bad JSON
 * with a {@link ChatException} {@link ErrorCode#BAD_REQUEST} whose message names the field, never
 * with a {@link NullPointerException} or {@link ClassCastException}. Times are ISO-8601 UTC strings
 * ({@link Instant#toString()}); ids, sequence numbers, sizes and cursors are JSON numbers, except
 * user and file ids, which are opaque strings. Optional keys are left out when empty.
 *
 * <p>Stateless and thread-safe: the JSON-P factories are created once and shared.
 */
public final class ModelJson {

    private ModelJson() {
    }

    // ---- users -------------------------------------------------------------------------------

    /** {@code {"id","username","createdAt","displayName"}} ({@code displayName} null when none is set) */
    public static JsonObject user(User u) {
        return displayName(BUILDERS.createObjectBuilder()
                .add("id", u.id())
                .add("username", u.username())
                .add("createdAt", u.createdAt().toString()), u.displayName())
                .build();
    }

    /** Adds {@code "displayName"}: the name, or JSON null when none is set (so that a client sees it was cleared). */
    private static JsonObjectBuilder displayName(JsonObjectBuilder b, Optional<String> displayName) {
        return displayName.isPresent() ? b.add("displayName", displayName.get()) : b.addNull("displayName");
    }

    /** Reads a {@link #user(User)} object. */
    public static User user(JsonObject o) {
        return construct("user", () -> new User(string(o, "id", "user"), string(o, "username", "user"),
                instant(o, "createdAt", "user"), optionalString(o, "displayName", "user")));
    }

    /** {@code {"username","createdAt","online","displayName"}} */
    public static JsonObject profile(UserProfile p) {
        return displayName(BUILDERS.createObjectBuilder()
                .add("username", p.username())
                .add("createdAt", p.createdAt().toString())
                .add("online", p.online()), p.displayName())
                .build();
    }

    /** Reads a {@link #profile(UserProfile)} object. */
    public static UserProfile profile(JsonObject o) {
        return new UserProfile(string(o, "username", "profile"), instant(o, "createdAt", "profile"),
                bool(o, "online", "profile"), optionalString(o, "displayName", "profile"));
    }

    /** {@code {"token","tokenType":"Bearer","expiresAt","user":{...}}} */
    public static JsonObject login(LoginResult r) {
        return BUILDERS.createObjectBuilder()
                .add("token", r.token())
                .add("tokenType", "Bearer")
                .add("expiresAt", r.expiresAt().toString())
                .add("user", user(r.user()))
                .build();
    }

    /** Reads a {@link #login(LoginResult)} object. */
    public static LoginResult login(JsonObject o) {
        return new LoginResult(string(o, "token", "login"), instant(o, "expiresAt", "login"),
                user(object(o, "user", "login")));
    }

    // ---- rooms -------------------------------------------------------------------------------

    /** {@code {"id","name","visibility":"public"|"private"|"direct","owner","createdAt","topic","readOnly"}} */
    public static JsonObject room(Room r) {
        return roomFields(r).build();
    }

    /** Reads a {@link #room(Room)} object. */
    public static Room room(JsonObject o) {
        Visibility v = wireEnum(o, "visibility", "room", Visibility.values(), Visibility::wireName);
        String topic = optionalString(o, "topic", "room").orElse("");
        boolean readOnly = present(o, "readOnly") && bool(o, "readOnly", "room");
        return construct("room", () -> new Room(string(o, "id", "room"), string(o, "name", "room"), v,
                string(o, "owner", "room"), instant(o, "createdAt", "room"), topic, readOnly));
    }

    /**
     * The room's fields plus {@code "member": true|false}, the read counts when known, and
     * {@code "muted": true} with {@code "mutedUntil"?} while the caller is muted there.
     */
    public static JsonObject roomListing(RoomListing l) {
        JsonObjectBuilder b = roomFields(l.room()).add("member", l.member());
        l.counts().ifPresent(c -> ReadStateJson.addCounts(b, c));
        if (l.muted()) {
            b.add("muted", true);
            l.mutedUntil().ifPresent(t -> b.add("mutedUntil", t.toString()));
        }
        return b.build();
    }

    /** Reads a {@link #roomListing(RoomListing)} object. */
    public static RoomListing roomListing(JsonObject o) {
        String w = "room listing";
        RoomListing l = new RoomListing(room(o), bool(o, "member", w), ReadStateJson.counts(o));
        if (present(o, "muted") && bool(o, "muted", w)) {
            l = l.withMute(present(o, "mutedUntil") ? Optional.of(instant(o, "mutedUntil", w)) : Optional.empty());
        }
        return l;
    }

    /** {@code {"username","role":"owner"|"admin"|"member","online","displayName"}} */
    public static JsonObject member(Member m) {
        return displayName(BUILDERS.createObjectBuilder()
                .add("username", m.username())
                .add("role", m.role().wireName())
                .add("online", m.online()), m.displayName())
                .build();
    }

    /** Reads a {@link #member(Member)} object. */
    public static Member member(JsonObject o) {
        Role r = wireEnum(o, "role", "member", Role.values(), Role::wireName);
        return new Member(string(o, "username", "member"), r, bool(o, "online", "member"),
                optionalString(o, "displayName", "member"));
    }

    private static JsonObjectBuilder roomFields(Room r) {
        return BUILDERS.createObjectBuilder()
                .add("id", r.id())
                .add("name", r.name())
                .add("visibility", r.visibility().wireName())
                .add("owner", r.owner())
                .add("createdAt", r.createdAt().toString())
                .add("topic", r.topic())
                .add("readOnly", r.readOnly());
    }

    // ---- messages and files ------------------------------------------------------------------

    /** {@code {"id","name","size","contentType"}} */
    public static JsonObject fileInfo(FileInfo f) {
        return BUILDERS.createObjectBuilder()
                .add("id", f.id())
                .add("name", f.name())
                .add("size", f.size())
                .add("contentType", f.contentType())
                .build();
    }

    /** Reads a {@link #fileInfo(FileInfo)} object. */
    public static FileInfo fileInfo(JsonObject o) {
        return construct("file", () -> new FileInfo(string(o, "id", "file"), string(o, "name", "file"),
                integer(o, "size", "file"), string(o, "contentType", "file")));
    }

    /**
     * {@code {"id","room","seq","kind","from","text","createdAt","clientMsgId"?,"file"?}} plus v2's
     * {@code "replyTo"?,"thread"?,"target"?,"emoji"?,"active"?} and the current state's
     * {@code "editedAt"?,"deleted"?,"reactions"?,"replies"?,"lastReplyAt"?}, each optional key left
     * out when empty (false, zero, none).
     */
    public static JsonObject message(Message m) {
        JsonObjectBuilder b = BUILDERS.createObjectBuilder()
                .add("id", m.id())
                .add("room", m.room())
                .add("seq", m.seq())
                .add("kind", m.kind().name())
                .add("from", m.from())
                .add("text", m.text())
                .add("createdAt", m.createdAt().toString());
        m.clientMsgId().ifPresent(id -> b.add("clientMsgId", id));
        m.file().ifPresent(f -> b.add("file", fileInfo(f)));
        m.replyTo().ifPresent(id -> b.add("replyTo", id));
        m.thread().ifPresent(id -> b.add("thread", id));
        m.target().ifPresent(id -> b.add("target", id));
        m.reaction().ifPresent(r -> b.add("emoji", r.emoji()).add("active", r.active()));
        m.act().ifPresent(a -> RoomActJson.add(b, a));
        MessageState s = m.state();
        s.editedAt().ifPresent(t -> b.add("editedAt", t.toString()));
        if (s.deleted()) {
            b.add("deleted", true);
        }
        if (!s.reactions().isEmpty()) {
            JsonArrayBuilder a = BUILDERS.createArrayBuilder();
            for (Reaction r : s.reactions()) {
                a.add(BUILDERS.createObjectBuilder().add("emoji", r.emoji()).add("count", r.count()).add("me", r.me()));
            }
            b.add("reactions", a);
        }
        if (s.replies() > 0) {
            b.add("replies", s.replies());
        }
        s.lastReplyAt().ifPresent(t -> b.add("lastReplyAt", t.toString()));
        if (!m.mentions().isEmpty()) {
            b.add("mentions", BUILDERS.createArrayBuilder(m.mentions()));
        }
        return b.build();
    }

    /**
     * Writes the same fields as {@link #message(Message)} straight to a generator, inside an object
     * the caller opened: frames are encoded once per broadcast, and this spares building a tree.
     */
    public static void writeMessageFields(JsonGenerator g, Message m) {
        g.write("id", m.id())
                .write("room", m.room())
                .write("seq", m.seq())
                .write("kind", m.kind().name())
                .write("from", m.from())
                .write("text", m.text())
                .write("createdAt", m.createdAt().toString());
        if (m.clientMsgId().isPresent()) {
            g.write("clientMsgId", m.clientMsgId().get());
        }
        if (m.file().isPresent()) {
            FileInfo f = m.file().get();
            g.writeStartObject("file")
                    .write("id", f.id())
                    .write("name", f.name())
                    .write("size", f.size())
                    .write("contentType", f.contentType())
                    .writeEnd();
        }
        if (m.replyTo().isPresent()) {
            g.write("replyTo", m.replyTo().getAsLong());
        }
        if (m.thread().isPresent()) {
            g.write("thread", m.thread().getAsLong());
        }
        if (m.target().isPresent()) {
            g.write("target", m.target().getAsLong());
        }
        if (m.reaction().isPresent()) {
            g.write("emoji", m.reaction().get().emoji()).write("active", m.reaction().get().active());
        }
        if (m.act().isPresent()) {
            RoomActJson.write(g, m.act().get());
        }
        if (m.state() != MessageState.ORIGINAL) {
            writeState(g, m.state());
        }
        if (!m.mentions().isEmpty()) {
            g.writeStartArray("mentions");
            m.mentions().forEach(g::write);
            g.writeEnd();
        }
    }

    private static void writeState(JsonGenerator g, MessageState s) {
        if (s.editedAt().isPresent()) {
            g.write("editedAt", s.editedAt().get().toString());
        }
        if (s.deleted()) {
            g.write("deleted", true);
        }
        if (!s.reactions().isEmpty()) {
            g.writeStartArray("reactions");
            for (Reaction r : s.reactions()) {
                g.writeStartObject().write("emoji", r.emoji()).write("count", r.count()).write("me", r.me()).writeEnd();
            }
            g.writeEnd();
        }
        if (s.replies() > 0) {
            g.write("replies", s.replies());
        }
        if (s.lastReplyAt().isPresent()) {
            g.write("lastReplyAt", s.lastReplyAt().get().toString());
        }
    }

    /** Reads a {@link #message(Message)} object. */
    public static Message message(JsonObject o) {
        String w = "message";
        MessageKind kind = wireEnum(o, "kind", w, MessageKind.values(), MessageKind::name);
        Optional<String> clientMsgId = optionalString(o, "clientMsgId", w);
        Optional<FileInfo> fileInfo = present(o, "file") ? Optional.of(fileInfo(object(o, "file", w))) : Optional.empty();
        Optional<ReactionChange> reaction = present(o, "emoji")
                ? Optional.of(new ReactionChange(string(o, "emoji", w), bool(o, "active", w))) : Optional.empty();
        MessageState state = new MessageState(
                present(o, "editedAt") ? Optional.of(instant(o, "editedAt", w)) : Optional.empty(),
                present(o, "deleted") && bool(o, "deleted", w),
                present(o, "reactions") ? objects(o, "reactions", w, ModelJson::reaction) : List.of(),
                present(o, "replies") ? integer(o, "replies", w) : 0,
                present(o, "lastReplyAt") ? Optional.of(instant(o, "lastReplyAt", w)) : Optional.empty());
        return construct(w, () -> new Message(integer(o, "id", w), string(o, "room", w),
                integer(o, "seq", w), kind, string(o, "from", w), string(o, "text", w),
                instant(o, "createdAt", w), clientMsgId, fileInfo, optionalId(o, "replyTo", w),
                optionalId(o, "thread", w), optionalId(o, "target", w), reaction,
                state.equals(MessageState.ORIGINAL) ? MessageState.ORIGINAL : state, ReadStateJson.mentions(o),
                RoomActJson.read(o, kind)));
    }

    private static Reaction reaction(JsonObject o) {
        return construct("reaction", () -> new Reaction(string(o, "emoji", "reaction"),
                (int) integer(o, "count", "reaction"), bool(o, "me", "reaction")));
    }

    private static boolean present(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v != null && v != JsonValue.NULL;
    }

    /** An optional message id: absent, null, or a JSON integer. */
    public static OptionalLong optionalId(JsonObject o, String key, String what) {
        return present(o, key) ? OptionalLong.of(integer(o, key, what)) : OptionalLong.empty();
    }

    /** {@code {"messages":[...],"hasMore":bool}} */
    public static JsonObject historyPage(HistoryPage p) {
        return BUILDERS.createObjectBuilder()
                .add("messages", messages(p.messages()))
                .add("hasMore", p.hasMore())
                .build();
    }

    /** Reads a {@link #historyPage(HistoryPage)} object. */
    public static HistoryPage historyPage(JsonObject o) {
        return new HistoryPage(objects(o, "messages", "history page", ModelJson::message),
                bool(o, "hasMore", "history page"));
    }

    /** {@code {"events":[message...],"cursor":ID}} */
    public static JsonObject eventsPage(EventsPage p) {
        return BUILDERS.createObjectBuilder()
                .add("events", messages(p.events()))
                .add("cursor", p.cursor())
                .build();
    }

    /** Reads an {@link #eventsPage(EventsPage)} object. */
    public static EventsPage eventsPage(JsonObject o) {
        return new EventsPage(objects(o, "events", "events page", ModelJson::message),
                integer(o, "cursor", "events page"));
    }

    /** {@code {"file":{...},"message":{...}}} */
    public static JsonObject sharedFile(SharedFile s) {
        return BUILDERS.createObjectBuilder()
                .add("file", fileInfo(s.file()))
                .add("message", message(s.message()))
                .build();
    }

    /** Reads a {@link #sharedFile(SharedFile)} object. */
    public static SharedFile sharedFile(JsonObject o) {
        return new SharedFile(fileInfo(object(o, "file", "shared file")),
                message(object(o, "message", "shared file")));
    }

    private static JsonArrayBuilder messages(List<Message> messages) {
        JsonArrayBuilder a = BUILDERS.createArrayBuilder();
        for (Message m : messages) {
            a.add(message(m));
        }
        return a;
    }

    // ---- errors and health -------------------------------------------------------------------

    /** The body of a failed HTTP request: {@code {"error":"CODE","message":"..."}}. */
    public static JsonObject error(ErrorCode code, String message) {
        return BUILDERS.createObjectBuilder()
                .add("error", code.name())
                .add("message", message)
                .build();
    }

    /** {@code {"status":"UP"}}, plus {@code "details":{...}} (sorted by key) only when there are any. */
    public static JsonObject health(Health h) {
        JsonObjectBuilder b = BUILDERS.createObjectBuilder().add("status", h.status());
        if (!h.details().isEmpty()) {
            JsonObjectBuilder d = BUILDERS.createObjectBuilder();
            new TreeMap<>(h.details()).forEach(d::add);
            b.add("details", d);
        }
        return b.build();
    }

    /** {@code GET /api/config}'s body. */
    public static JsonObject clientRules(ClientRules r) {
        return BUILDERS.createObjectBuilder()
                .add("maxTextLength", r.maxTextLength())
                .add("maxUploadBytes", r.maxUploadBytes())
                .add("usernamePattern", r.usernamePattern())
                .add("roomIdPattern", r.roomIdPattern())
                .add("directRoomPrefix", r.directRoomPrefix())
                .add("minPasswordLength", r.minPasswordLength())
                .add("maxPasswordLength", r.maxPasswordLength())
                .add("maxRoomNameLength", r.maxRoomNameLength())
                .add("maxClientMsgIdLength", r.maxClientMsgIdLength())
                .add("maxEmojiLength", r.maxEmojiLength())
                .add("maxReactions", r.maxReactions())
                .build();
    }

    /** Reads {@code GET /api/config}'s body. */
    public static ClientRules clientRules(JsonObject o) {
        String w = "config";
        return construct(w, () -> new ClientRules((int) integer(o, "maxTextLength", w), integer(o, "maxUploadBytes", w),
                string(o, "usernamePattern", w), string(o, "roomIdPattern", w), string(o, "directRoomPrefix", w),
                (int) integer(o, "minPasswordLength", w), (int) integer(o, "maxPasswordLength", w),
                (int) integer(o, "maxRoomNameLength", w), (int) integer(o, "maxClientMsgIdLength", w),
                (int) integer(o, "maxEmojiLength", w), (int) integer(o, "maxReactions", w)));
    }
}
