package dev.parley.protocol.internal;

import dev.parley.protocol.Ban;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.Role;
import dev.parley.protocol.RoomAct;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;

import java.time.Instant;
import java.util.Optional;

import static dev.parley.protocol.internal.JsonFields.*;

/**
 * The JSON form of a {@link RoomAct} (the fields a MODERATION or ROOM_UPDATED entry carries beside
 * the message's own) and of a {@link Ban}. Kept apart from {@link ModelJson}, which calls it for
 * those two kinds. Stateless and thread-safe.
 */
public final class RoomActJson {

    private RoomActJson() {
    }

    /** Adds the act's fields to a message object being built. */
    public static void add(JsonObjectBuilder b, RoomAct act) {
        if (act instanceof RoomAct.Moderation m) {
            b.add("action", m.action().wireName()).add("user", m.user()).add("by", m.by());
            m.role().ifPresent(r -> b.add("role", r.wireName()));
            m.until().ifPresent(t -> b.add("until", t.toString()));
            m.reason().ifPresent(r -> b.add("reason", r));
        } else if (act instanceof RoomAct.RoomUpdate u) {
            b.add("by", u.by());
            u.name().ifPresent(n -> b.add("name", n));
            u.topic().ifPresent(t -> b.add("topic", t));
            u.readOnly().ifPresent(r -> b.add("readOnly", r));
        }
    }

    /** Writes the act's fields inside a message object a generator has open. */
    public static void write(JsonGenerator g, RoomAct act) {
        if (act instanceof RoomAct.Moderation m) {
            g.write("action", m.action().wireName()).write("user", m.user()).write("by", m.by());
            m.role().ifPresent(r -> g.write("role", r.wireName()));
            m.until().ifPresent(t -> g.write("until", t.toString()));
            m.reason().ifPresent(r -> g.write("reason", r));
        } else if (act instanceof RoomAct.RoomUpdate u) {
            g.write("by", u.by());
            u.name().ifPresent(n -> g.write("name", n));
            u.topic().ifPresent(t -> g.write("topic", t));
            u.readOnly().ifPresent(r -> g.write("readOnly", r));
        }
    }

    /** The act a message object of this kind carries; empty for the other kinds. */
    public static Optional<RoomAct> read(JsonObject o, MessageKind kind) {
        String w = "message";
        if (kind == MessageKind.MODERATION) {
            RoomAct.Action action = wireEnum(o, "action", w, RoomAct.Action.values(), RoomAct.Action::wireName);
            Optional<Role> role = present(o, "role")
                    ? Optional.of(wireEnum(o, "role", w, Role.values(), Role::wireName)) : Optional.empty();
            Optional<Instant> until = present(o, "until") ? Optional.of(instant(o, "until", w)) : Optional.empty();
            return Optional.of(construct(w, () -> new RoomAct.Moderation(action, string(o, "user", w),
                    string(o, "by", w), role, until, optionalString(o, "reason", w))));
        }
        if (kind == MessageKind.ROOM_UPDATED) {
            Optional<Boolean> readOnly = present(o, "readOnly") ? Optional.of(bool(o, "readOnly", w)) : Optional.empty();
            return Optional.of(new RoomAct.RoomUpdate(string(o, "by", w), optionalString(o, "name", w),
                    optionalString(o, "topic", w), readOnly));
        }
        return Optional.empty();
    }

    /** {@code {"username","by","until","reason"}}, {@code until} and {@code reason} null when none. */
    public static JsonObject ban(Ban ban) {
        JsonObjectBuilder b = BUILDERS.createObjectBuilder().add("username", ban.username()).add("by", ban.by());
        if (ban.until().isPresent()) {
            b.add("until", ban.until().get().toString());
        } else {
            b.addNull("until");
        }
        if (ban.reason().isPresent()) {
            b.add("reason", ban.reason().get());
        } else {
            b.addNull("reason");
        }
        return b.build();
    }

    /** Reads a {@link #ban(Ban)} object. */
    public static Ban ban(JsonObject o) {
        String w = "ban";
        Optional<Instant> until = present(o, "until") ? Optional.of(instant(o, "until", w)) : Optional.empty();
        return construct(w, () -> new Ban(string(o, "username", w), string(o, "by", w), until,
                optionalString(o, "reason", w)));
    }

    private static boolean present(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v != null && v != JsonValue.NULL;
    }
}
