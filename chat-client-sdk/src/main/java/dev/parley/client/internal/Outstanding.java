package dev.parley.client.internal;

import dev.parley.client.Ack;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.ServerFrame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The calls waiting for the server's answer: sends by clientMsgId, in the order they were made,
 * and subscribes and unsubscribes by room. Not thread-safe: the session's lock guards it.
 */
final class Outstanding {
    /** What an error frame turned out to refuse. */
    enum Refused { SEND, SUBSCRIBE, UNSUBSCRIBE, NOTHING }

    private record Send(ClientFrame frame, CompletableFuture<Ack> future) {
    }

    private final LinkedHashMap<String, Send> sends = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> subscribes = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> unsubscribes = new HashMap<>();

    CompletableFuture<Ack> send(String clientMsgId, ClientFrame frame) {
        CompletableFuture<Ack> future = new CompletableFuture<>();
        sends.put(clientMsgId, new Send(frame, future));
        return future;
    }

    /** The frames of the sends still waiting, in the order made; sends the application cancelled are dropped. */
    List<ClientFrame> unacknowledged() {
        List<ClientFrame> out = new ArrayList<>();
        for (Iterator<Send> it = sends.values().iterator(); it.hasNext(); ) {
            Send s = it.next();
            if (s.future().isDone()) {
                it.remove();
            } else {
                out.add(s.frame());
            }
        }
        return out;
    }

    void acked(ServerFrame.Ack a) {
        Send s = a.clientMsgId().map(sends::remove).orElse(null);
        if (s != null) {
            s.future().complete(new Ack(a.clientMsgId().get(), a.id().orElse(0), a.seq().orElse(0), a.room()));
        }
    }

    /** The future of a subscription to {@code room}, shared by every caller until the server answers. */
    CompletableFuture<Void> subscribe(String room) {
        return subscribes.computeIfAbsent(room, r -> new CompletableFuture<>());
    }

    void subscribed(String room) {
        CompletableFuture<Void> f = subscribes.remove(room);
        if (f != null) {
            f.complete(null);
        }
    }

    CompletableFuture<Void> unsubscribe(String room) {
        return unsubscribes.computeIfAbsent(room, r -> new CompletableFuture<>());
    }

    void unsubscribed(String room) {
        CompletableFuture<Void> f = unsubscribes.remove(room);
        if (f != null) {
            f.complete(null);
        }
    }

    /** Fails the call an error frame refers to (by its {@code ref}), and says which kind it was. */
    Refused refuse(ServerFrame.Error e) {
        if (e.ref().isEmpty()) {
            return Refused.NOTHING;
        }
        String ref = e.ref().get();
        ChatClientException ex = new ChatClientException(e.code(), e.message(), 0, null);
        Send s = sends.remove(ref);
        if (s != null) {
            s.future().completeExceptionally(ex);
            return Refused.SEND;
        }
        CompletableFuture<Void> sub = subscribes.remove(ref);
        if (sub != null) {
            sub.completeExceptionally(ex);
            return Refused.SUBSCRIBE;
        }
        CompletableFuture<Void> unsub = unsubscribes.remove(ref);
        if (unsub != null) {
            unsub.completeExceptionally(ex);
            return Refused.UNSUBSCRIBE;
        }
        return Refused.NOTHING;
    }

    /** Fails everything still waiting, when the session ends. */
    void failAll(ChatClientException ex) {
        sends.values().forEach(s -> s.future().completeExceptionally(ex));
        sends.clear();
        subscribes.values().forEach(f -> f.completeExceptionally(ex));
        subscribes.clear();
        unsubscribes.values().forEach(f -> f.completeExceptionally(ex));
        unsubscribes.clear();
    }
}
