package dev.parley.protocol.internal;

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
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The JSON-P plumbing under {@link ModelJson} and {@link dev.parley.protocol.wire.FrameCodec}: the
 * shared factories, the text form (write, parse) and the field readers that answer a missing or
 * mistyped field with a {@link ChatException} {@link ErrorCode#BAD_REQUEST} naming it.
 *
 * <p>Stateless and thread-safe. Internal to Parley: the package is exported only to Parley's own
 * modules, so JSON-P never shows in a public signature.
 */
public final class JsonFields {

    public static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    public static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    public static final JsonWriterFactory WRITERS = Json.createWriterFactory(Map.of());
    public static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    /** Longest integer part a {@code long} can hold ({@code Long.MAX_VALUE} has 19 digits). */
    private static final int LONG_DIGITS = 19;

    private JsonFields() {
    }

    // ---- text --------------------------------------------------------------------------------

    /** Compact JSON text of {@code v}. */
    public static String write(JsonStructure v) {
        StringWriter out = new StringWriter(128);
        try (JsonWriter w = WRITERS.createWriter(out)) {
            w.write(v);
        }
        return out.toString();
    }

    /**
     * Parses a JSON object, such as a request body.
     *
     * @throws ChatException BAD_REQUEST, naming the problem, for empty text, malformed JSON or a JSON
     *                       value that is not an object
     */
    public static JsonObject parseObject(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw ChatException.badRequest("expected a JSON object, got nothing");
        }
        JsonValue v = parse(text);
        if (!(v instanceof JsonObject)) {
            throw ChatException.badRequest("expected a JSON object, got " + describe(v));
        }
        return (JsonObject) v;
    }

    /**
     * Parses one JSON value that must fill the whole text. Any parser failure comes back as
     * BAD_REQUEST: Parsson reports its limits on nesting depth and number length with plain
     * runtime exceptions, so those are caught too.
     */
    public static JsonValue parse(String text) {
        try (JsonParser p = PARSERS.createParser(new StringReader(text))) {
            if (!p.hasNext()) {
                throw ChatException.badRequest("invalid JSON: no value");
            }
            p.next();
            JsonValue v = p.getValue();
            if (p.hasNext()) {
                throw ChatException.badRequest("invalid JSON: text after the value");
            }
            return v;
        } catch (ChatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ChatException.badRequest("invalid JSON: " + clip(String.valueOf(e.getMessage()), 200));
        }
    }

    /** How a value reads in an error message: "an array", "a string", ... */
    public static String describe(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    // ---- field readers, shared with FrameCodec ----------------------------------------------
    // Each names what is read ("message", "send") so that the error tells the client which field
    // of which thing is wrong: `send needs a string "room"`.

    public static String string(JsonObject o, String key, String what) {
        if (o.get(key) instanceof JsonString s) {
            return s.getString();
        }
        throw ChatException.badRequest(what + " needs a string \"" + key + "\"");
    }

    /** An optional string: absent or {@code null} is empty, anything but a string is refused. */
    public static Optional<String> optionalString(JsonObject o, String key, String what) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw ChatException.badRequest(what + " needs \"" + key + "\" to be a string when given");
    }

    public static boolean bool(JsonObject o, String key, String what) {
        JsonValue v = o.get(key);
        if (v == JsonValue.TRUE) {
            return true;
        }
        if (v == JsonValue.FALSE) {
            return false;
        }
        throw ChatException.badRequest(what + " needs a boolean \"" + key + "\"");
    }

    public static long integer(JsonObject o, String key, String what) {
        if (o.get(key) instanceof JsonNumber n) {
            Long l = exactLong(n);
            if (l != null) {
                return l;
            }
        }
        throw ChatException.badRequest(what + " needs an integer \"" + key + "\"");
    }

    /**
     * The number as a long, or null when it is not an integer in range. The precision check comes
     * first so that {@code 1e999999999} is refused without building a billion-digit integer.
     */
    public static Long exactLong(JsonNumber n) {
        try {
            BigDecimal d = n.bigDecimalValue();
            if (d.signum() == 0) {
                return 0L;
            }
            if (d.precision() - d.scale() > LONG_DIGITS) {
                return null;
            }
            return d.longValueExact();
        } catch (RuntimeException e) {
            // ArithmeticException for a fraction or overflow; Parsson's own limits throw untyped ones
            return null;
        }
    }

    public static Instant instant(JsonObject o, String key, String what) {
        String s = string(o, key, what);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ChatException.badRequest(what + " needs an ISO-8601 time \"" + key + "\", got \"" + clip(s) + "\"");
        }
    }

    /** A string that must be the wire name of one of {@code values}; the error lists the names allowed. */
    public static <E> E wireEnum(JsonObject o, String key, String what, E[] values, Function<E, String> wireName) {
        String s = string(o, key, what);
        for (E e : values) {
            if (wireName.apply(e).equals(s)) {
                return e;
            }
        }
        StringJoiner allowed = new StringJoiner(", ");
        for (E e : values) {
            allowed.add("\"" + wireName.apply(e) + "\"");
        }
        throw ChatException.badRequest(what + " needs \"" + key + "\" to be one of " + allowed + ", got \""
                + clip(s) + "\"");
    }

    public static JsonObject object(JsonObject o, String key, String what) {
        if (o.get(key) instanceof JsonObject v) {
            return v;
        }
        throw ChatException.badRequest(what + " needs an object \"" + key + "\"");
    }

    public static <T> List<T> objects(JsonObject o, String key, String what, Function<JsonObject, T> read) {
        if (!(o.get(key) instanceof JsonArray a)) {
            throw ChatException.badRequest(what + " needs an array \"" + key + "\"");
        }
        List<T> out = new ArrayList<>(a.size());
        for (JsonValue v : a) {
            if (!(v instanceof JsonObject e)) {
                throw ChatException.badRequest(what + " needs \"" + key + "\" to hold only objects, found "
                        + describe(v));
            }
            out.add(read.apply(e));
        }
        return out;
    }

    /** Runs a record constructor, turning its own validation (seq >= 1, size >= 0) into BAD_REQUEST. */
    public static <T> T construct(String what, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw ChatException.badRequest("invalid " + what + ": " + e.getMessage());
        }
    }

    /** Cuts a client-supplied string that goes into an error message, so an error stays short. */
    public static String clip(String s) {
        return clip(s, 64);
    }

    private static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "...";
    }
}
