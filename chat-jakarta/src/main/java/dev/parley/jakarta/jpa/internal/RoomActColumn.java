package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.MessageKind;
import dev.parley.protocol.RoomAct;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.RoomActJson;
import jakarta.json.JsonObjectBuilder;

import java.util.Optional;

/**
 * A MODERATION or ROOM_UPDATED entry's act as stored in {@code parley_messages.act_json}: the JSON
 * of the fields it carries on the wire, so that one mapping (chat-protocol's) reads both. Stateless.
 */
final class RoomActColumn {

    private RoomActColumn() {
    }

    static String write(RoomAct act) {
        JsonObjectBuilder b = JsonFields.BUILDERS.createObjectBuilder();
        RoomActJson.add(b, act);
        return JsonFields.write(b.build());
    }

    static Optional<RoomAct> read(MessageKind kind, String json) {
        if (!kind.isRoomAct()) {
            return Optional.empty();
        }
        if (json == null) {
            throw new IllegalStateException(kind + " entry stored without its act");
        }
        return RoomActJson.read(JsonFields.parseObject(json), kind);
    }
}
