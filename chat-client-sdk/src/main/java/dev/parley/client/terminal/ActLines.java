package dev.parley.client.terminal;

import dev.parley.protocol.Message;
import dev.parley.protocol.RoomAct;

import java.util.ArrayList;
import java.util.List;

/** How the terminal shows a MODERATION or ROOM_UPDATED entry: one status line. Stateless. */
final class ActLines {

    private ActLines() {
    }

    static String describe(Message entry) {
        String room = "#" + entry.room() + ": ";
        if (entry.act().isEmpty()) {
            return room + entry.text();
        }
        RoomAct act = entry.act().get();
        if (act instanceof RoomAct.Moderation m) {
            String until = m.until().map(t -> " until " + t).orElse("");
            String reason = m.reason().map(r -> " (" + r + ")").orElse("");
            return room + switch (m.action()) {
                case KICK -> m.user() + " was removed by " + m.by();
                case BAN -> m.user() + " was banned by " + m.by() + until + reason;
                case UNBAN -> m.user() + " was unbanned by " + m.by();
                case MUTE -> m.user() + " was muted by " + m.by() + until;
                case UNMUTE -> m.user() + " was unmuted by " + m.by();
                case ROLE -> m.user() + " is now " + m.role().map(r -> r.wireName()).orElse("?") + " (by " + m.by() + ")";
            };
        }
        RoomAct.RoomUpdate u = (RoomAct.RoomUpdate) act;
        List<String> changes = new ArrayList<>();
        u.name().ifPresent(n -> changes.add("renamed it \"" + n + "\""));
        u.topic().ifPresent(t -> changes.add(t.isEmpty() ? "cleared the topic" : "set the topic: " + t));
        u.readOnly().ifPresent(r -> changes.add(r ? "made it read-only" : "opened it to everyone"));
        return room + u.by() + " " + String.join(", ", changes);
    }
}
