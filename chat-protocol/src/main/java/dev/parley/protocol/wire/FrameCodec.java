package dev.parley.protocol.wire;

import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;
import dev.parley.protocol.internal.ReadStateJson;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.wire.ClientFrame.Invalid;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;

import java.io.StringWriter;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.parley.protocol.internal.JsonFields.bool;
import static dev.parley.protocol.internal.JsonFields.clip;
import static dev.parley.protocol.internal.JsonFields.exactLong;
import static dev.parley.protocol.internal.JsonFields.instant;
import static dev.parley.protocol.internal.JsonFields.integer;
import static dev.parley.protocol.internal.JsonFields.object;
import static dev.parley.protocol.internal.JsonFields.optionalString;
import static dev.parley.protocol.internal.JsonFields.string;
import static dev.parley.protocol.internal.JsonFields.wireEnum;

/**
 * Encodes and decodes the {@code /ws} frames of the wire contract: the one codec the server
 * adapters and the Java SDK share.
 *
 * <p>The server side decodes with {@link #decodeClient(String, int)}, which never throws: whatever a
 * client sends becomes a {@link ClientFrame}, an {@link Invalid} one carrying the error frame to
 * answer with. The SDK side decodes with {@link #decodeServer(String)}, which refuses a bad frame
 * with {@link ChatException} {@link ErrorCode#BAD_REQUEST}. Unknown extra fields are ignored both
 * ways, so either side may add fields without breaking the other.
 *
 * <p>Stateless and thread-safe. Encoding writes straight to a generator without building a tree,
 * since a broadcast encodes each message frame once for all its recipients.
 */
public final class FrameCodec {

    private FrameCodec() {
    }

    // ---- server frames -----------------------------------------------------------------------

    /** The JSON text of a server frame, exactly as the contract writes it. */
    public static String encode(ServerFrame f) {
        StringWriter out = new StringWriter(f instanceof ServerFrame.MessageFrame ? 256 : 64);
        try (JsonGenerator g = JsonFields.GENERATORS.createGenerator(out)) {
            g.writeStartObject();
            if (f instanceof ServerFrame.MessageFrame m) {
                g.write("type", "message").writeStartObject("message");
                ModelJson.writeMessageFields(g, m.message());
                g.writeEnd();
            } else if (f instanceof ServerFrame.Ack a) {
                g.write("type", "ack");
                if (a.clientMsgId().isPresent()) {
                    g.write("clientMsgId", a.clientMsgId().get());
                }
                if (a.id().isPresent()) {
                    g.write("id", a.id().getAsLong()).write("seq", a.seq().getAsLong());
                }
                g.write("room", a.room());
            } else if (f instanceof ServerFrame.Typing t) {
                g.write("type", "typing").write("room", t.room()).write("user", t.user()).write("active", t.active());
            } else if (f instanceof ServerFrame.Presence p) {
                g.write("type", "presence").write("user", p.user()).write("status", p.online() ? "online" : "offline");
            } else if (f instanceof ServerFrame.Subscribed s) {
                g.write("type", "subscribed").write("room", s.room()).write("lastSeq", s.lastSeq());
                if (s.truncated()) {
                    g.write("truncated", true);
                }
            } else if (f instanceof ServerFrame.Unsubscribed u) {
                g.write("type", "unsubscribed").write("room", u.room());
                u.reason().ifPresent(r -> g.write("reason", r));
            } else if (f instanceof ServerFrame.Welcome w) {
                g.write("type", "welcome").write("user", ModelJson.user(w.user()))
                        .write("serverTime", w.serverTime().toString());
            } else if (f instanceof ServerFrame.RoomChanged r) {
                g.write("type", "room").write("event", r.event().wireName()).write("room", ModelJson.room(r.room()));
            } else if (f instanceof ServerFrame.Read r) {
                g.write("type", "read").write("room", r.room()).write("user", r.user()).write("seq", r.seq());
            } else if (f instanceof ServerFrame.Mention m) {
                g.write("type", "mention").writeStartObject("message");
                ModelJson.writeMessageFields(g, m.message());
                g.writeEnd();
            } else if (f instanceof ServerFrame.Pong) {
                g.write("type", "pong");
            } else if (f instanceof ServerFrame.Error e) {
                g.write("type", "error").write("code", e.code().name()).write("message", e.message());
                if (e.ref().isPresent()) {
                    g.write("ref", e.ref().get());
                }
            } else {
                throw new IllegalArgumentException("unknown server frame " + f.getClass().getName());
            }
            g.writeEnd();
        }
        return out.toString();
    }

    /**
     * Reads a server frame (SDK side).
     *
     * @throws ChatException BAD_REQUEST, naming the problem, for malformed JSON, an unknown type or a
     *                       missing or ill-typed field
     */
    public static ServerFrame decodeServer(String text) {
        JsonObject o = JsonFields.parseObject(text);
        String type = type(o);
        return switch (type) {
            case "welcome" -> new ServerFrame.Welcome(ModelJson.user(object(o, "user", type)),
                    instant(o, "serverTime", type));
            case "subscribed" -> new ServerFrame.Subscribed(string(o, "room", type), integer(o, "lastSeq", type),
                    o.containsKey("truncated") && bool(o, "truncated", type));
            case "unsubscribed" -> new ServerFrame.Unsubscribed(string(o, "room", type),
                    optionalString(o, "reason", type));
            case "message" -> new ServerFrame.MessageFrame(ModelJson.message(object(o, "message", type)));
            case "ack" -> o.containsKey("id")
                    ? new ServerFrame.Ack(optionalString(o, "clientMsgId", type), integer(o, "id", type),
                    integer(o, "seq", type), string(o, "room", type))
                    : ServerFrame.Ack.nothingPosted(optionalString(o, "clientMsgId", type), string(o, "room", type));
            case "typing" -> new ServerFrame.Typing(string(o, "room", type), string(o, "user", type),
                    bool(o, "active", type));
            case "presence" -> new ServerFrame.Presence(string(o, "user", type),
                    wireEnum(o, "status", type, new String[] {"online", "offline"}, s -> s).equals("online"));
            case "room" -> new ServerFrame.RoomChanged(wireEnum(o, "event", type, ServerFrame.RoomEvent.values(),
                    ServerFrame.RoomEvent::wireName), ModelJson.room(object(o, "room", type)));
            case "pong" -> new ServerFrame.Pong();
            case "read" -> new ServerFrame.Read(string(o, "room", type), string(o, "user", type),
                    integer(o, "seq", type));
            case "mention" -> new ServerFrame.Mention(ModelJson.message(object(o, "message", type)));
            case "error" -> new ServerFrame.Error(wireEnum(o, "code", type, ErrorCode.values(), ErrorCode::name),
                    string(o, "message", type), optionalString(o, "ref", type));
            default -> throw unknownType(type);
        };
    }

    // ---- client frames -----------------------------------------------------------------------

    /**
     * The JSON text of a client frame (SDK side).
     *
     * @throws IllegalArgumentException for {@link Invalid}, which is never sent
     */
    public static String encode(ClientFrame f) {
        if (f instanceof Invalid) {
            throw new IllegalArgumentException("an Invalid frame is a decoding result and cannot be sent");
        }
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = JsonFields.GENERATORS.createGenerator(out)) {
            g.writeStartObject();
            if (f instanceof ClientFrame.Send s) {
                g.write("type", "send").write("room", s.room()).write("text", s.text());
                writeOptional(g, s.clientMsgId(), s.replyTo(), s.thread());
            } else if (f instanceof ClientFrame.Dm d) {
                g.write("type", "dm").write("to", d.to()).write("text", d.text());
                writeOptional(g, d.clientMsgId(), d.replyTo(), d.thread());
            } else if (f instanceof ClientFrame.Edit e) {
                g.write("type", "edit").write("room", e.room()).write("id", e.id()).write("text", e.text());
                writeOptional(g, e.clientMsgId(), OptionalLong.empty(), OptionalLong.empty());
            } else if (f instanceof ClientFrame.Delete d) {
                g.write("type", "delete").write("room", d.room()).write("id", d.id());
                writeOptional(g, d.clientMsgId(), OptionalLong.empty(), OptionalLong.empty());
            } else if (f instanceof ClientFrame.React r) {
                g.write("type", "react").write("room", r.room()).write("id", r.id()).write("emoji", r.emoji())
                        .write("active", r.active());
                writeOptional(g, r.clientMsgId(), OptionalLong.empty(), OptionalLong.empty());
            } else if (f instanceof ClientFrame.Subscribe s) {
                g.write("type", "subscribe").write("room", s.room());
                if (s.since().isPresent()) {
                    g.write("since", s.since().getAsLong());
                }
            } else if (f instanceof ClientFrame.Unsubscribe u) {
                g.write("type", "unsubscribe").write("room", u.room());
            } else if (f instanceof ClientFrame.Typing t) {
                g.write("type", "typing").write("room", t.room()).write("active", t.active());
            } else if (f instanceof ClientFrame.Ping) {
                g.write("type", "ping");
            } else if (f instanceof ClientFrame.Read r) {
                g.write("type", "read").write("room", r.room()).write("seq", r.seq());
            } else {
                throw new IllegalArgumentException("unknown client frame " + f.getClass().getName());
            }
            g.writeEnd();
        }
        return out.toString();
    }

    /**
     * Reads a client frame (server side). Never throws: a frame over {@code maxBytes} UTF-8 bytes is
     * {@link Invalid} with TOO_LARGE; malformed JSON, a value that is not an object, a missing or
     * unknown {@code type}, or a missing or ill-typed field is {@link Invalid} with BAD_REQUEST.
     * The {@code ref} of an {@link Invalid} is the frame's {@code clientMsgId}, else its {@code room},
     * when that is a string.
     *
     * @param text     the text of one WebSocket message
     * @param maxBytes the largest frame accepted, in UTF-8 bytes
     */
    public static ClientFrame decodeClient(String text, int maxBytes) {
        if (text == null) {
            return invalid("a frame needs a JSON object", Optional.empty());
        }
        // Most frames are far below the limit; count bytes only when the char count cannot decide.
        if ((long) text.length() * 3 > maxBytes) {
            long bytes = utf8Length(text);
            if (bytes > maxBytes) {
                return new Invalid(ErrorCode.TOO_LARGE, "frame is " + bytes + " bytes, the limit is " + maxBytes,
                        Optional.empty());
            }
        }
        JsonValue v;
        try {
            v = JsonFields.parse(text);
        } catch (ChatException e) {
            return invalid(e.getMessage(), Optional.empty());
        }
        if (!(v instanceof JsonObject o)) {
            return invalid("a frame must be a JSON object, got " + JsonFields.describe(v), Optional.empty());
        }
        Optional<String> ref = ref(o);
        try {
            return decodeClientObject(o, ref);
        } catch (ChatException e) {
            return invalid(e.getMessage(), ref);
        } catch (RuntimeException e) {
            // The last guard of "never throws": the field readers are meant to raise only ChatException.
            return invalid("frame could not be read", ref);
        }
    }

    private static ClientFrame decodeClientObject(JsonObject o, Optional<String> ref) {
        String type = type(o);
        return switch (type) {
            case "send" -> new ClientFrame.Send(string(o, "room", type), string(o, "text", type),
                    optionalString(o, "clientMsgId", type), ModelJson.optionalId(o, "replyTo", type),
                    ModelJson.optionalId(o, "thread", type));
            case "edit" -> new ClientFrame.Edit(string(o, "room", type), integer(o, "id", type),
                    string(o, "text", type), optionalString(o, "clientMsgId", type));
            case "delete" -> new ClientFrame.Delete(string(o, "room", type), integer(o, "id", type),
                    optionalString(o, "clientMsgId", type));
            case "react" -> new ClientFrame.React(string(o, "room", type), integer(o, "id", type),
                    string(o, "emoji", type), bool(o, "active", type), optionalString(o, "clientMsgId", type));
            case "subscribe" -> new ClientFrame.Subscribe(string(o, "room", type), since(o));
            case "unsubscribe" -> new ClientFrame.Unsubscribe(string(o, "room", type));
            case "dm" -> new ClientFrame.Dm(string(o, "to", type), string(o, "text", type),
                    optionalString(o, "clientMsgId", type), ModelJson.optionalId(o, "replyTo", type),
                    ModelJson.optionalId(o, "thread", type));
            case "typing" -> new ClientFrame.Typing(string(o, "room", type), bool(o, "active", type));
            case "ping" -> new ClientFrame.Ping();
            case "read" -> new ClientFrame.Read(string(o, "room", type), ReadStateJson.seq(o, type));
            default -> invalid("unknown frame type \"" + clip(type) + "\"", ref);
        };
    }

    private static void writeOptional(JsonGenerator g, Optional<String> clientMsgId, OptionalLong replyTo,
                                      OptionalLong thread) {
        if (clientMsgId.isPresent()) {
            g.write("clientMsgId", clientMsgId.get());
        }
        if (replyTo.isPresent()) {
            g.write("replyTo", replyTo.getAsLong());
        }
        if (thread.isPresent()) {
            g.write("thread", thread.getAsLong());
        }
    }

    private static OptionalLong since(JsonObject o) {
        JsonValue v = o.get("since");
        if (v == null || v == JsonValue.NULL) {
            return OptionalLong.empty();
        }
        if (v instanceof JsonNumber n) {
            Long since = exactLong(n);
            if (since != null && since >= 0) {
                return OptionalLong.of(since);
            }
        }
        throw ChatException.badRequest("subscribe needs \"since\" to be a non-negative integer when given");
    }

    private static String type(JsonObject o) {
        if (o.get("type") instanceof JsonString t) {
            return t.getString();
        }
        throw ChatException.badRequest("a frame needs a string \"type\"");
    }

    private static ChatException unknownType(String type) {
        return ChatException.badRequest("unknown frame type \"" + clip(type) + "\"");
    }

    private static Optional<String> ref(JsonObject o) {
        if (o.get("clientMsgId") instanceof JsonString id) {
            return Optional.of(id.getString());
        }
        if (o.get("room") instanceof JsonString room) {
            return Optional.of(room.getString());
        }
        return Optional.empty();
    }

    private static Invalid invalid(String message, Optional<String> ref) {
        return new Invalid(ErrorCode.BAD_REQUEST, message, ref);
    }

    /** The UTF-8 length of {@code s}, as {@code s.getBytes(UTF_8).length} but without the copy. */
    static long utf8Length(String s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // an unpaired surrogate is encoded as '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
