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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The calls waiting for the server's answer: the calls answered with an ack (sends, direct
 * messages, edits, deletions, reactions) by clientMsgId, in the order they were made, and
 * subscribes and unsubscribes by room. Not thread-safe: the session's lock guards it.
 */
final class Outstanding {
    /** What an error frame turned out to refuse: a call answered with an ack, a subscribe, ... */
    enum Refused { ACKED_CALL, SUBSCRIBE, UNSUBSCRIBE, NOTHING }

    private record Call(ClientFrame frame, CompletableFuture<Ack> future) {
    }

    private final LinkedHashMap<String, Call> sends = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> subscribes = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> unsubscribes = new HashMap<>();

    /**
     * A call that the server answers with an ack, under its clientMsgId, or empty when a call with
     * that id is still waiting: the same frame again shares its future (the server would answer
     * both with the first entry), another frame under the same id is the application's mistake.
     *
     * @return the future of the new call, or empty when the frame needs not go out
     * @throws IllegalArgumentException when another call waits under the same id
     */
    Optional<CompletableFuture<Ack>> call(String clientMsgId, ClientFrame frame) {
        Call waiting = sends.get(clientMsgId);
        if (waiting != null && !waiting.future().isDone()) {
            if (!waiting.frame().equals(frame)) {
                throw new IllegalArgumentException("clientMsgId " + clientMsgId
                        + " is in use by another call still waiting for its ack");
            }
            return Optional.empty();
        }
        CompletableFuture<Ack> future = new CompletableFuture<>();
        sends.put(clientMsgId, new Call(frame, future));
        return Optional.of(future);
    }

    /** The future of the call waiting under this id, if any. */
    Optional<CompletableFuture<Ack>> waiting(String clientMsgId) {
        return Optional.ofNullable(sends.get(clientMsgId)).map(Call::future);
    }

    /** The frames of the calls still waiting, in the order made; calls the application cancelled are dropped. */
    List<ClientFrame> unacknowledged() {
        List<ClientFrame> out = new ArrayList<>();
        for (Iterator<Call> it = sends.values().iterator(); it.hasNext(); ) {
            Call s = it.next();
            if (s.future().isDone()) {
                it.remove();
            } else {
                out.add(s.frame());
            }
        }
        return out;
    }

    /** Completes the call the ack names; an ack without id or seq says the call posted nothing. */
    void acked(ServerFrame.Ack a) {
        Call s = a.clientMsgId().map(sends::remove).orElse(null);
        if (s != null) {
            s.future().complete(new Ack(a.clientMsgId().get(), a.id(), a.seq(), a.room()));
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

    /** Completes the unsubscribe of that room; false when this client had not asked for one. */
    boolean unsubscribed(String room) {
        CompletableFuture<Void> f = unsubscribes.remove(room);
        if (f != null) {
            f.complete(null);
        }
        return f != null;
    }

    /** Fails the call an error frame refers to (by its {@code ref}), and says which kind it was. */
    Refused refuse(ServerFrame.Error e) {
        if (e.ref().isEmpty()) {
            return Refused.NOTHING;
        }
        String ref = e.ref().get();
        ChatClientException ex = new ChatClientException(e.code(), e.message(), 0, null);
        Call s = sends.remove(ref);
        if (s != null) {
            s.future().completeExceptionally(ex);
            return Refused.ACKED_CALL;
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
