package dev.parley.client.internal;

import dev.parley.client.ChatListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Records every callback; tests wait on the queues with a deadline. */
final class RecordingListener implements ChatListener {
    record StateChange(ConnectionState state, String reason) {
    }

    /** A lifecycle callback: {@code edited}, {@code deleted}, {@code reaction} or {@code thread}. */
    record Update(String callback, Message current, Message entry) {
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    final BlockingQueue<Message> messageQueue = new LinkedBlockingQueue<>();
    final BlockingQueue<StateChange> states = new LinkedBlockingQueue<>();
    final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    final BlockingQueue<Update> updates = new LinkedBlockingQueue<>();
    /** Every message and lifecycle callback in order: {@code "message <seq>"}, {@code "edited <seq>"}, ... */
    final List<String> order = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(Message message) {
        order.add("message " + message.seq());
        messages.add(message);
        messageQueue.add(message);
    }

    @Override
    public void onEdited(Message current, Message entry) {
        update("edited", current, entry);
    }

    @Override
    public void onDeleted(Message current, Message entry) {
        update("deleted", current, entry);
    }

    @Override
    public void onReaction(Message current, Message entry) {
        update("reaction", current, entry);
    }

    @Override
    public void onThreadUpdated(Message root, Message cause) {
        update("thread", root, cause);
    }

    private void update(String callback, Message current, Message entry) {
        order.add(callback + " " + entry.seq());
        updates.add(new Update(callback, current, entry));
    }

    /** The next lifecycle callback, waiting up to 5 s. */
    Update nextUpdate() throws InterruptedException {
        Update u = updates.poll(5, TimeUnit.SECONDS);
        assertNotNull(u, "no lifecycle callback within 5 s");
        return u;
    }

    @Override
    public void onAnnouncement(Message message) {
        onMessage(message);
    }

    @Override
    public void onError(ErrorCode code, String message, Optional<String> ref) {
        errors.add(code + " " + message + " " + ref.orElse("-"));
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        states.add(new StateChange(state, reason));
    }

    StateChange nextState() throws InterruptedException {
        StateChange s = states.poll(5, TimeUnit.SECONDS);
        assertNotNull(s, "no state change within 5 s");
        return s;
    }

    /** Waits for a state change to {@code state}, skipping others; returns it. */
    StateChange awaitState(ConnectionState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            StateChange s = states.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s != null && s.state() == state) {
                return s;
            }
        }
        throw new AssertionError("no change to " + state + " within 5 s");
    }
}
