package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;
import dev.parley.core.spi.Connection;
import dev.parley.core.spi.OutboundFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A room's message reaches every subscriber as the same {@link OutboundFrame}, so an adapter that
 * writes pre-encoded frames encodes it once, however many subscribers there are.
 */
@Timeout(60)
class SharedFramesTest {
    private static final int SUBSCRIBERS = 50;
    private static final AtomicInteger ENCODINGS = new AtomicInteger();
    /** Stands for an adapter's wire encoding: counts how often it runs. */
    private static final Function<OutboundFrame, byte[]> WIRE = frame -> {
        ENCODINGS.incrementAndGet();
        return frame.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    };

    private final Chat chat = TestChats.chat();

    @AfterEach
    void tearDown() {
        chat.close();
    }

    /** Records the frame instances it is given, encoding each through {@link #WIRE} as an adapter would. */
    private static final class FramedConnection implements Connection {
        final LinkedBlockingQueue<OutboundFrame> frames = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> send(String frame) {
            throw new AssertionError("the engine hands frames over as OutboundFrame");
        }

        @Override
        public CompletionStage<?> send(OutboundFrame frame) {
            frame.encoded(WIRE);
            frames.add(frame);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
        }

        <T extends ServerFrame> OutboundFrame next(Class<T> type) throws InterruptedException {
            while (true) {
                OutboundFrame f = frames.poll(10, TimeUnit.SECONDS);
                assertNotNull(f, "no " + type.getSimpleName() + " frame within 10 s");
                if (type.isInstance(FrameCodec.decodeServer(f.text()))) {
                    return f;
                }
            }
        }
    }

    @Test
    void everySubscriberGetsTheSameFrameEncodedOnce() throws Exception {
        User sender = chat.register("sender", "password-sender");
        chat.createRoom(sender, "hall", Optional.empty(), Visibility.PUBLIC, List.of());
        List<User> users = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            User u = chat.register("sub" + i, "password-sub" + i);
            chat.join(u, "hall");
            users.add(u);
        }
        // Everyone joined (join notices are messages of the room) before anyone subscribes live.
        List<FramedConnection> connections = new ArrayList<>();
        for (User u : users) {
            FramedConnection c = new FramedConnection();
            var session = chat.connect(u, Optional.empty(), c);
            c.next(ServerFrame.Welcome.class);
            session.receive("{\"type\":\"subscribe\",\"room\":\"hall\"}");
            c.next(ServerFrame.Subscribed.class);
            connections.add(c);
        }
        int before = ENCODINGS.get();

        chat.send(sender, "hall", "hello, all", Optional.empty());

        OutboundFrame first = connections.get(0).next(ServerFrame.MessageFrame.class);
        ServerFrame.MessageFrame decoded = assertInstanceOf(ServerFrame.MessageFrame.class, FrameCodec.decodeServer(first.text()));
        assertEquals("hello, all", decoded.message().text());
        for (FramedConnection c : connections.subList(1, SUBSCRIBERS)) {
            assertSame(first, c.next(ServerFrame.MessageFrame.class), "one frame instance for every subscriber");
        }
        assertEquals(1, ENCODINGS.get() - before, "encoded once for " + SUBSCRIBERS + " subscribers");
    }
}
