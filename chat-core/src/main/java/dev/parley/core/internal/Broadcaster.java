package dev.parley.core.internal;

import dev.parley.core.ChatConfig;
import dev.parley.core.ChatMetrics;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Where a message becomes visible: stored (taking its id and seq), trimmed by retention, then
 * applied here and published to the other nodes as one {@link BusEvent.MessagePosted} through
 * {@link Effects}, the same path the other nodes' messages take on arriving.
 */
final class Broadcaster {
    private final ChatConfig config;
    private final MessageStore messages;
    private final InFlight inFlight;
    private final Effects effects;
    private final ChatMetrics metrics;
    private final Mentions mentions;

    Broadcaster(ChatConfig config, MessageStore messages, InFlight inFlight, Effects effects, ChatMetrics metrics,
                Mentions mentions) {
        this.config = config;
        this.messages = messages;
        this.inFlight = inFlight;
        this.effects = effects;
        this.metrics = metrics;
        this.mentions = mentions;
    }

    /** Stores a message and, if it is new, applies retention and delivers it here and to the other nodes. */
    Message post(NewMessage message) {
        return join(postAsync(message));
    }

    /**
     * Like {@link #post}, without waiting: the message is handed to the store, which may commit it
     * together with other senders' messages, and the future completes once it is stored and
     * delivered, or refused. Messages posted one after the other to a room keep that order.
     */
    CompletableFuture<Message> postAsync(NewMessage message) {
        return appendAsync(message).thenApply(AppendResult::message);
    }

    /**
     * Like {@link #postAsync}, for an entry that may change nothing (EDIT, DELETE, REACTION): the
     * future completes with the stored (or repeated) entry, or empty when nothing was posted.
     */
    CompletableFuture<Optional<Message>> postEntryAsync(NewMessage entry) {
        return appendAsync(entry).thenApply(AppendResult::entry);
    }

    private CompletableFuture<AppendResult> appendAsync(NewMessage entry) {
        List<Long> taken = Collections.synchronizedList(new ArrayList<>(1));
        long started = System.nanoTime();
        CompletableFuture<AppendResult> stored;
        try {
            // Mentions are found once, here, where every entry passes, and stored with it.
            NewMessage message = mentions.parse(entry);
            stored = messages.appendAsync(message, () -> {
                long id = inFlight.take();
                taken.add(id);
                return id;
            });
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        return stored.handle((result, failure) -> {
            synchronized (taken) {
                taken.forEach(inFlight::done);
            }
            if (failure != null) {
                metrics.storeFailed(System.nanoTime() - started);
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            if (result.created()) {
                metrics.stored(entry.kind(), System.nanoTime() - started);
            }
            return afterStore(result);
        });
    }

    private AppendResult afterStore(AppendResult result) {
        if (result.created()) {
            Message m = result.message();
            config.retention().ifPresent(keep -> {
                if (m.seq() > keep) {
                    messages.deleteUpTo(m.room(), m.seq() - keep);
                }
            });
            effects.local(new BusEvent.MessagePosted(effects.origin(), m));
        }
        return result;
    }

    /** Waits for a post, throwing what it failed with. */
    static <T> T join(CompletableFuture<T> posted) {
        try {
            return posted.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    /** The exception a failed post carries, as it was thrown. */
    static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
