package dev.parley.client.internal;

import dev.parley.client.ChatListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.Room;
import dev.parley.protocol.internal.SerialExecutor;
import dev.parley.protocol.wire.ServerFrame;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands events to the application's {@link ChatListener} through a {@link SerialExecutor}: one
 * callback at a time, in the order they were queued, on the configured executor.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final ChatListener listener;
    private final Executor serial;

    Dispatcher(ChatListener listener, Executor executor) {
        this.listener = listener;
        SerialExecutor inOrder = new SerialExecutor(executor);
        this.serial = task -> {
            try {
                inOrder.execute(task);
            } catch (RejectedExecutionException rejected) {
                LOG.log(System.Logger.Level.WARNING, "callback executor refused a task; callbacks dropped", rejected);
            }
        };
    }

    void message(Message m) {
        if (m.kind() == MessageKind.SYSTEM) {
            serial.execute(() -> listener.onAnnouncement(m));
        } else if (m.kind() == MessageKind.MODERATION) {
            serial.execute(() -> listener.onModeration(m));
        } else if (m.kind() == MessageKind.ROOM_UPDATED) {
            serial.execute(() -> listener.onRoomUpdated(m));
        } else {
            serial.execute(() -> listener.onMessage(m));
        }
    }

    /** A message changed by an entry, to its lifecycle callback. */
    void update(StateCache.Update u) {
        Message current = u.current();
        Message entry = u.entry();
        switch (u.change()) {
            case EDITED -> serial.execute(() -> listener.onEdited(current, entry));
            case DELETED -> serial.execute(() -> listener.onDeleted(current, entry));
            case REACTION -> serial.execute(() -> listener.onReaction(current, entry));
            case THREAD -> serial.execute(() -> listener.onThreadUpdated(current, entry));
        }
    }

    void unsubscribed(String room, Optional<String> reason) {
        serial.execute(() -> listener.onUnsubscribed(room, reason));
    }

    void typing(String room, String user, boolean active) {
        serial.execute(() -> listener.onTyping(room, user, active));
    }

    void presence(String user, boolean online) {
        serial.execute(() -> listener.onPresence(user, online));
    }

    void roomChanged(ServerFrame.RoomEvent event, Room room) {
        serial.execute(() -> listener.onRoomChanged(event, room));
    }

    void read(String room, String user, long seq) {
        serial.execute(() -> listener.onRead(room, user, seq));
    }

    void mention(Message m) {
        serial.execute(() -> listener.onMention(m));
    }

    void error(ErrorCode code, String message, Optional<String> ref) {
        serial.execute(() -> listener.onError(code, message, ref));
    }

    void state(ConnectionState state, String reason) {
        serial.execute(() -> listener.onStateChange(state, reason));
    }
}
