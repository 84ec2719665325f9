package dev.parley.examples;

import dev.parley.client.ChatListener;
import dev.parley.protocol.Message;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A listener that queues every message a test client receives, for the test to await with a deadline. */
final class Inbox implements ChatListener {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(Message message) {
        messages.add(message);
    }

    /** The next message that satisfies {@code wanted}, skipping the others; fails after ten seconds. */
    Message await(Predicate<Message> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Message m = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
            assertNotNull(m, "no " + what + " within " + WAIT);
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    /** The next message from {@code user}, whatever it is. */
    Message awaitFrom(String user) throws InterruptedException {
        return await(m -> m.from().equals(user), "message from " + user);
    }
}
