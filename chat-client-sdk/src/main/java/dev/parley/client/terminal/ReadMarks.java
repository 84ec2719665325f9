package dev.parley.client.terminal;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Moves the user's read marker in the current room as the terminal prints that room's entries:
 * {@link #printed} notes the highest seq printed, and a daemon thread sends it ({@code POST
 * /api/rooms/{id}/read}) at most every {@link #EVERY_MS} ms, one call per room however many lines
 * came. Entries of other rooms are not marked: the terminal shows them, but the user is not looking
 * at that room. A refusal is said through {@code problem}. {@link #close} sends what
 * is left and stops the thread. Thread-safe: the printer's thread notes, the input loop changes the
 * current room.
 */
final class ReadMarks implements AutoCloseable {
    static final long EVERY_MS = 300;

    private final ChatClient client;
    private final Consumer<String> problem;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chat-client-read-marks");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> waiting = new LinkedHashMap<>();
    private final Map<String, Long> sent = new LinkedHashMap<>();
    private volatile String current;
    private boolean scheduled;

    ReadMarks(ChatClient client, String current, Consumer<String> problem) {
        this.client = client;
        this.current = current;
        this.problem = problem;
    }

    /** The room the user now looks at (null for none). */
    void current(String room) {
        this.current = room;
    }

    /** An entry of {@code room} up to {@code seq} was printed. */
    synchronized void printed(String room, long seq) {
        if (room == null || !room.equals(current) || seq <= Math.max(waiting.getOrDefault(room, 0L), sent.getOrDefault(room, 0L))) {
            return;
        }
        waiting.put(room, seq);
        if (!scheduled) {
            scheduled = true;
            sender.schedule(this::send, EVERY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void send() {
        Map<String, Long> batch;
        synchronized (this) {
            scheduled = false;
            batch = new LinkedHashMap<>(waiting);
            waiting.clear();
            sent.putAll(batch);
        }
        batch.forEach((room, seq) -> {
            try {
                client.markRead(room, seq);
            } catch (ChatClientException e) {
                problem.accept("cannot mark #" + room + " read: " + e.getMessage());
            }
        });
    }

    /** Sends what is waiting (waiting for it, a few seconds at most) and stops. */
    @Override
    public void close() {
        sender.execute(this::send);
        sender.shutdown();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
