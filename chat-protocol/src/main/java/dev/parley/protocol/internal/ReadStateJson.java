package dev.parley.protocol.internal;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ReadCounts;
import dev.parley.protocol.ReadMarker;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.parley.protocol.internal.JsonFields.BUILDERS;
import static dev.parley.protocol.internal.JsonFields.construct;
import static dev.parley.protocol.internal.JsonFields.integer;
import static dev.parley.protocol.internal.JsonFields.string;

/**
 * The JSON form of read state: a room listing's counts, the markers of {@code GET /api/rooms/{id}/reads},
 * the body of {@code POST /api/rooms/{id}/read}, and a message's {@code mentions}. Kept apart from
 * {@link ModelJson}, which calls in here for the fields it writes and reads. Stateless and thread-safe.
 */
public final class ReadStateJson {

    private ReadStateJson() {
    }

    /** Adds {@code "lastSeq","lastReadSeq","unread","mentions"} to a room listing. */
    static void addCounts(JsonObjectBuilder b, ReadCounts c) {
        b.add("lastSeq", c.lastSeq()).add("lastReadSeq", c.lastReadSeq()).add("unread", c.unread())
                .add("mentions", c.mentions());
    }

    /** A room listing's counts, present when it carries {@code lastReadSeq}. */
    static Optional<ReadCounts> counts(JsonObject o) {
        if (!o.containsKey("lastReadSeq")) {
            return Optional.empty();
        }
        String w = "room listing";
        return Optional.of(construct(w, () -> new ReadCounts(integer(o, "lastSeq", w), integer(o, "lastReadSeq", w),
                integer(o, "unread", w), integer(o, "mentions", w))));
    }

    /** A message's {@code "mentions"}: absent or null is none; anything but an array of strings is refused. */
    static List<String> mentions(JsonObject o) {
        JsonValue v = o.get("mentions");
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray a)) {
            throw ChatException.badRequest("message needs \"mentions\" to be an array of usernames when given");
        }
        List<String> out = new ArrayList<>(a.size());
        for (JsonValue e : a) {
            if (!(e instanceof JsonString s)) {
                throw ChatException.badRequest("message needs \"mentions\" to hold only strings");
            }
            out.add(s.getString());
        }
        return out;
    }

    /** {@code [{"username","lastReadSeq"}]} */
    public static JsonArray markers(List<ReadMarker> markers) {
        JsonArrayBuilder a = BUILDERS.createArrayBuilder();
        for (ReadMarker m : markers) {
            a.add(BUILDERS.createObjectBuilder().add("username", m.username()).add("lastReadSeq", m.lastReadSeq()));
        }
        return a.build();
    }

    /** Reads one element of {@link #markers} for the room it was listed for. */
    public static ReadMarker marker(String room, JsonObject o) {
        String w = "read marker";
        return construct(w, () -> new ReadMarker(room, string(o, "username", w), integer(o, "lastReadSeq", w)));
    }

    /**
     * The {@code seq} of a read request or frame: BAD_REQUEST unless it is a JSON integer of at least 0.
     *
     * @param what what is read, for the message ("read")
     */
    public static long seq(JsonObject o, String what) {
        long seq = integer(o, "seq", what);
        if (seq < 0) {
            throw ChatException.badRequest(what + " needs \"seq\" to be >= 0, got " + seq);
        }
        return seq;
    }

    /** {@code {"seq":N}}, the body of {@code POST /api/rooms/{id}/read}. */
    public static JsonObject readBody(long seq) {
        return BUILDERS.createObjectBuilder().add("seq", seq).build();
    }
}
