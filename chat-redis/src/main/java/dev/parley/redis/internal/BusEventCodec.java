package dev.parley.redis.internal;

import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;
import dev.parley.core.spi.BusEvent;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * {@link BusEvent}s as one-line JSON on the Redis channel: {@code {"v":1,"type":...,"origin":...}}
 * plus the event's fields, messages in chat-core's {@link ModelJson} form. Stateless and thread-safe.
 */
public final class BusEventCodec {
    /** Bumped when the format changes incompatibly; a node ignores events of another version. */
    static final int VERSION = 1;

    private BusEventCodec() {
    }

    public static String encode(BusEvent event) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("v", VERSION).add("origin", event.origin());
        if (event instanceof BusEvent.MessagePosted p) {
            b.add("type", "message").add("message", ModelJson.message(p.message()));
        } else if (event instanceof BusEvent.Typing t) {
            b.add("type", "typing").add("room", t.room()).add("user", t.user()).add("active", t.active());
        } else if (event instanceof BusEvent.PresenceChanged p) {
            b.add("type", "presence").add("user", p.user()).add("online", p.online());
        } else if (event instanceof BusEvent.MembershipChanged m) {
            b.add("type", "membership").add("room", m.room()).add("user", m.user()).add("member", m.member());
        } else if (event instanceof BusEvent.RoomCreated c) {
            b.add("type", "roomCreated").add("room", ModelJson.room(c.room()));
        } else if (event instanceof BusEvent.TokenRevoked r) {
            b.add("type", "tokenRevoked").add("tokenId", r.tokenId());
        } else if (event instanceof BusEvent.ReadMoved r) {
            b.add("type", "read").add("room", r.room()).add("user", r.user()).add("seq", r.seq());
            r.session().ifPresent(s -> b.add("session", s));
        } else if (event instanceof BusEvent.TokensRevoked r) {
            b.add("type", "tokensRevoked").add("user", r.user());
            r.keptTokenId().ifPresent(kept -> b.add("keptTokenId", kept));
        } else {
            throw new IllegalArgumentException("unknown bus event " + event.getClass().getName());
        }
        return JsonFields.write(b.build());
    }

    /**
     * Reads an event.
     *
     * @throws IllegalArgumentException naming what is wrong, for text that is not an event of this version
     */
    public static BusEvent decode(String text) {
        JsonObject o;
        try {
            o = JsonFields.parseObject(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        int version = (int) number(o, "v");
        if (version != VERSION) {
            throw new IllegalArgumentException("bus event version " + version + ", this node reads " + VERSION);
        }
        String origin = string(o, "origin");
        String type = string(o, "type");
        try {
            return switch (type) {
                case "message" -> new BusEvent.MessagePosted(origin, ModelJson.message(object(o, "message")));
                case "typing" -> new BusEvent.Typing(origin, string(o, "room"), string(o, "user"), bool(o, "active"));
                case "presence" -> new BusEvent.PresenceChanged(origin, string(o, "user"), bool(o, "online"));
                case "membership" -> new BusEvent.MembershipChanged(origin, string(o, "room"), string(o, "user"),
                        bool(o, "member"));
                case "roomCreated" -> new BusEvent.RoomCreated(origin, ModelJson.room(object(o, "room")));
                case "tokenRevoked" -> new BusEvent.TokenRevoked(origin, string(o, "tokenId"));
                case "read" -> new BusEvent.ReadMoved(origin, string(o, "room"), string(o, "user"), number(o, "seq"),
                        o.get("session") instanceof JsonString s ? java.util.Optional.of(s.getString())
                                : java.util.Optional.empty());
                case "tokensRevoked" -> new BusEvent.TokensRevoked(origin, string(o, "user"),
                        o.containsKey("keptTokenId") ? java.util.Optional.of(string(o, "keptTokenId")) : java.util.Optional.empty());
                default -> throw new IllegalArgumentException("unknown bus event type \"" + type + "\"");
            };
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad " + type + " event: " + e.getMessage(), e);
        }
    }

    private static JsonValue field(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            throw new IllegalArgumentException("bus event lacks \"" + key + "\"");
        }
        return v;
    }

    private static String string(JsonObject o, String key) {
        if (field(o, key) instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalArgumentException("bus event field \"" + key + "\" is not a string");
    }

    private static long number(JsonObject o, String key) {
        if (field(o, key) instanceof JsonNumber n && n.isIntegral()) {
            return n.longValue();
        }
        throw new IllegalArgumentException("bus event field \"" + key + "\" is not an integer");
    }

    private static boolean bool(JsonObject o, String key) {
        JsonValue v = field(o, key);
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v == JsonValue.TRUE;
        }
        throw new IllegalArgumentException("bus event field \"" + key + "\" is not a boolean");
    }

    private static JsonObject object(JsonObject o, String key) {
        if (field(o, key) instanceof JsonObject obj) {
            return obj;
        }
        throw new IllegalArgumentException("bus event field \"" + key + "\" is not an object");
    }
}
