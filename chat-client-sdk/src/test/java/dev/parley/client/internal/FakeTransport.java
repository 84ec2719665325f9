package dev.parley.client.internal;

import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A scripted {@link Transport}: each open() yields a {@link FakeLink} the test plays the server on. */
final class FakeTransport implements Transport {
    final BlockingQueue<FakeLink> opened = new LinkedBlockingQueue<>();

    @Override
    public Link open(String token, Listener listener) {
        FakeLink link = new FakeLink(token, listener);
        opened.add(link);
        return link;
    }

    /** The next connection the session opens, waiting up to 5 s for it. */
    FakeLink next() throws InterruptedException {
        FakeLink link = opened.poll(5, TimeUnit.SECONDS);
        assertNotNull(link, "the session opened no connection");
        return link;
    }

    static final class FakeLink implements Link {
        final String token;
        final Listener listener;
        final List<String> sent = new CopyOnWriteArrayList<>();
        final BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
        volatile boolean closed;
        volatile boolean aborted;
        volatile boolean avoided;

        FakeLink(String token, Listener listener) {
            this.token = token;
            this.listener = listener;
        }

        @Override
        public void send(String text) {
            if (!closed && !aborted) {
                sent.add(text);
                outbox.add(text);
            }
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public void avoidServer() {
            avoided = true;
        }

        /** The next frame the client sent, waiting up to 5 s. */
        String nextSent() throws InterruptedException {
            String s = outbox.poll(5, TimeUnit.SECONDS);
            assertNotNull(s, "the client sent nothing");
            return s;
        }

        void serve(ServerFrame frame) {
            listener.onText(FrameCodec.encode(frame));
        }

        void open() {
            listener.onOpen();
        }
    }
}
