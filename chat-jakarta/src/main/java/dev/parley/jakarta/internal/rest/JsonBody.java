package dev.parley.jakarta.internal.rest;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.Draft;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request body read as a JSON object, with typed field access that refuses a wrong type with
 * BAD_REQUEST naming the field ({@code {"username": 5}} is "username must be a string"). Reading
 * bodies as text and parsing them here keeps the adapter independent of any JSON-B provider.
 */
final class JsonBody {
    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    /** Parses a body; BAD_REQUEST when it is empty, malformed, or not an object. */
    static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            throw ChatException.badRequest("a JSON object body is required");
        }
        return new JsonBody(JsonFields.parseObject(text));
    }

    /** Whether the body has the field at all (JSON null included). */
    boolean has(String name) {
        return object.containsKey(name);
    }

    String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> ChatException.badRequest(name + " is required"));
    }

    /** The field's text; empty when absent or JSON null. */
    Optional<String> optionalString(String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw ChatException.badRequest(name + " must be a string");
    }

    /** A message id field ({@code replyTo}, {@code thread}); empty when absent or JSON null. */
    OptionalLong optionalId(String name) {
        return ModelJson.optionalId(object, name, "body");
    }

    /** A draft from {@code text}, {@code clientMsgId}, {@code replyTo} and {@code thread}. */
    Draft draft() {
        return new Draft(requiredString("text"), optionalString("clientMsgId"), optionalId("replyTo"),
                optionalId("thread"));
    }

    /** The field's strings; empty when absent or JSON null. */
    List<String> optionalStringList(String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ChatException.badRequest(name + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString s)) {
                throw ChatException.badRequest(name + " must be an array of strings");
            }
            out.add(s.getString());
        }
        return out;
    }

    /** The field's boolean; empty when absent or JSON null. */
    Optional<Boolean> optionalBoolean(String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return Optional.of(value.getValueType() == JsonValue.ValueType.TRUE);
        }
        throw ChatException.badRequest(name + " must be true or false");
    }

    /** The field as an ISO-8601 UTC time; empty when absent or JSON null, BAD_REQUEST when malformed. */
    Optional<java.time.Instant> optionalInstant(String name) {
        return optionalString(name).map(text -> {
            try {
                return java.time.Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw ChatException.badRequest(name + " must be an ISO-8601 UTC time such as 2030-01-31T18:00:00Z, got '"
                        + JsonFields.clip(text) + "'");
            }
        });
    }
}
