package dev.parley.client.it;

import dev.parley.client.ChatListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.Room;
import dev.parley.protocol.wire.ServerFrame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Records callbacks for integration tests, which wait on them with deadlines. */
public final class Recorder implements ChatListener {
    record State(ConnectionState state, String reason) {
    }

    /** A lifecycle callback: {@code edited}, {@code deleted}, {@code reaction} or {@code thread}. */
    public record Update(String callback, Message current, Message entry) {
    }

    public final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<Message> announcements = new CopyOnWriteArrayList<>();
    final List<State> states = new CopyOnWriteArrayList<>();
    final List<String> typing = new CopyOnWriteArrayList<>();
    final List<String> presence = new CopyOnWriteArrayList<>();
    final List<String> roomChanges = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    public final List<Update> updates = new CopyOnWriteArrayList<>();
    /** The MODERATION and ROOM_UPDATED entries, in delivery order. */
    public final List<Message> acts = new CopyOnWriteArrayList<>();
    /** "room reason" of each subscription the server ended. */
    public final List<String> unsubscribed = new CopyOnWriteArrayList<>();
    /** "room user seq" of each read marker heard of ({@code onRead}). */
    public final List<String> reads = new CopyOnWriteArrayList<>();
    /** The messages of {@code onMention}. */
    public final List<Message> mentions = new CopyOnWriteArrayList<>();
    private final Object changed = new Object();

    @Override
    public void onMessage(Message message) {
        messages.add(message);
        signal();
    }

    @Override
    public void onEdited(Message current, Message entry) {
        updates.add(new Update("edited", current, entry));
        signal();
    }

    @Override
    public void onDeleted(Message current, Message entry) {
        updates.add(new Update("deleted", current, entry));
        signal();
    }

    @Override
    public void onReaction(Message current, Message entry) {
        updates.add(new Update("reaction", current, entry));
        signal();
    }

    @Override
    public void onThreadUpdated(Message root, Message cause) {
        updates.add(new Update("thread", root, cause));
        signal();
    }

    /** Waits for the lifecycle callback that the entry with {@code seq} caused, and returns it. */
    public Update awaitUpdate(String callback, long seq, Duration timeout) throws InterruptedException {
        await(callback + " of seq " + seq, timeout, () -> updates.stream()
                .anyMatch(u -> u.callback().equals(callback) && u.entry().seq() == seq));
        return updates.stream().filter(u -> u.callback().equals(callback) && u.entry().seq() == seq).findFirst()
                .orElseThrow();
    }

    @Override
    public void onAnnouncement(Message message) {
        announcements.add(message);
        signal();
    }

    @Override
    public void onTyping(String room, String user, boolean active) {
        typing.add(room + " " + user + " " + active);
        signal();
    }

    @Override
    public void onPresence(String user, boolean online) {
        presence.add(user + " " + (online ? "online" : "offline"));
        signal();
    }

    @Override
    public void onModeration(Message entry) {
        acts.add(entry);
        signal();
    }

    @Override
    public void onRoomUpdated(Message entry) {
        acts.add(entry);
        signal();
    }

    @Override
    public void onUnsubscribed(String room, Optional<String> reason) {
        unsubscribed.add(room + " " + reason.orElse("-"));
        signal();
    }

    @Override
    public void onRoomChanged(ServerFrame.RoomEvent event, Room room) {
        roomChanges.add(event.wireName() + " " + room.id());
        signal();
    }

    @Override
    public void onError(ErrorCode code, String message, Optional<String> ref) {
        errors.add(code + ": " + message);
        signal();
    }

    @Override
    public void onRead(String room, String user, long seq) {
        reads.add(room + " " + user + " " + seq);
        signal();
    }

    @Override
    public void onMention(Message message) {
        mentions.add(message);
        signal();
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        states.add(new State(state, reason));
        signal();
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** Waits until {@code condition} holds, failing after {@code timeout}. */
    public void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; " + this);
                }
                TimeUnit.NANOSECONDS.timedWait(changed, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
    }

    /** The messages of one room, in delivery order. */
    public List<Message> in(String room) {
        List<Message> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.room().equals(room)) {
                out.add(m);
            }
        }
        return out;
    }

    public long count(Predicate<Message> p) {
        return messages.stream().filter(p).count();
    }

    /** What was recorded, in short, for failure messages. */
    @Override
    public String toString() {
        Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        return "recorded " + messages.size() + " messages (last: " + (last == null ? "none" : last.room() + "#" + last.seq())
                + "), " + updates.size() + " updates, states " + states + ", errors " + errors;
    }

    /** Waits for a state change to {@code state} and returns it. */
    State awaitState(ConnectionState state, Duration timeout) throws InterruptedException {
        await("state " + state, timeout, () -> states.stream().anyMatch(s -> s.state() == state));
        return states.stream().filter(s -> s.state() == state).findFirst().orElseThrow();
    }
}
