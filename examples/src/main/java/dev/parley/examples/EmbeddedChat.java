package dev.parley.examples;

import dev.parley.core.Chat;
import dev.parley.core.ClientSession;
import dev.parley.core.spi.Connection;
import dev.parley.protocol.Draft;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Parley with no server at all: an engine in a plain Java program, two users, a room, a live
 * "connection" that prints what it receives, the room's history read back, then an edit, a
 * reaction and a thread reply, and the message as it is now.
 */
public final class EmbeddedChat {

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static void run(PrintStream out) throws Exception {
        try (Chat chat = Chat.builder().build()) {                      // in-memory stores, defaults
            User alice = chat.register("alice", "correct horse");
            User bob = chat.register("bob", "battery staple");
            chat.createRoom(alice, "lobby", Optional.of("The Lobby"), Visibility.PUBLIC, List.of());
            chat.join(bob, "lobby");

            // Bob listens the way a WebSocket client would: the engine writes frames to a Connection.
            CountDownLatch subscribed = new CountDownLatch(1);
            CountDownLatch twoMessages = new CountDownLatch(2);
            Connection printer = new Connection() {
                @Override
                public CompletionStage<?> send(String frame) {
                    ServerFrame f = FrameCodec.decodeServer(frame);
                    if (f instanceof ServerFrame.Subscribed) {
                        subscribed.countDown();
                    } else if (f instanceof ServerFrame.MessageFrame m) {
                        out.println("bob received #" + m.message().seq() + " from "
                                + m.message().from() + ": " + m.message().text());
                        twoMessages.countDown();
                    }
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void close(int code, String reason) {
                    out.println("connection closed: " + code + " " + reason);
                }
            };
            ClientSession bobLive = chat.connect(bob, Optional.empty(), printer);
            bobLive.receive("{\"type\":\"subscribe\",\"room\":\"lobby\"}");
            if (!subscribed.await(5, TimeUnit.SECONDS)) {                // frames are handled asynchronously
                throw new IllegalStateException("no answer to subscribe");
            }

            Message hello = chat.send(alice, "lobby", "Hello, Bob!", Optional.of("hello-1"));
            chat.send(alice, "lobby", "Hello, Bob!", Optional.of("hello-1"));  // a retry: stored once
            chat.send(bob, "lobby", "Hi Alice.", Optional.empty());
            out.println("alice's message got seq " + hello.seq());

            if (!twoMessages.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("bob did not receive the messages");
            }
            out.println("history of lobby:");
            for (Message m : chat.history(alice, "lobby", PageRequest.latest(50)).messages()) {
                out.println("  " + m.seq() + " " + m.kind() + " " + m.from() + ": " + m.text());
            }

            // Changes are entries of the log too (EDIT, REACTION, a reply in a thread), each with its seq.
            chat.edit(alice, "lobby", hello.id(), "Hello, Bob! (edited)", Optional.empty());
            chat.react(bob, "lobby", hello.id(), "🎉", Optional.empty());
            chat.send(bob, "lobby", Draft.of("Welcome!").inThread(hello.id()));
            Message now = chat.message(bob, "lobby", hello.id());
            out.println("now: " + now.text() + ", reactions " + now.state().reactions().size()
                    + ", replies " + now.state().replies());
        }
    }

    private EmbeddedChat() {
    }
}
