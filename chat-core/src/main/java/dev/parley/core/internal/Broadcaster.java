package dev.parley.core.internal;

import dev.parley.core.ChatConfig;
import dev.parley.protocol.Message;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Where a message becomes visible: stored (taking its id and seq), trimmed by retention, delivered
 * to this node's subscribers, woken in the events feed, and published to the other nodes; and where
 * the other nodes' events come in.
 */
final class Broadcaster {
    private static final int POLICY = 1008;

    private final String origin;
    private final ChatConfig config;
    private final MessageStore messages;
    private final InFlight inFlight;
    private final Delivery delivery;
    private final EventFeed feed;
    private final ClusterBus bus;
    private final KnownMembers members;

    Broadcaster(String origin, ChatConfig config, MessageStore messages, InFlight inFlight, Delivery delivery,
                EventFeed feed, ClusterBus bus, KnownMembers members) {
        this.origin = origin;
        this.config = config;
        this.messages = messages;
        this.inFlight = inFlight;
        this.delivery = delivery;
        this.feed = feed;
        this.bus = bus;
        this.members = members;
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
        List<Long> taken = Collections.synchronizedList(new ArrayList<>(1));
        CompletableFuture<AppendResult> stored;
        try {
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
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            return afterStore(result);
        });
    }

    private Message afterStore(AppendResult result) {
        Message m = result.message();
        if (result.created()) {
            config.retention().ifPresent(keep -> {
                if (m.seq() > keep) {
                    messages.deleteUpTo(m.room(), m.seq() - keep);
                }
            });
            delivery.deliver(m);
            feed.wake(m.room());
            bus.publish(new BusEvent.MessagePosted(origin, m));
        }
        return m;
    }

    /** Waits for a post, throwing what it failed with. */
    static Message join(CompletableFuture<Message> posted) {
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

    /** An event from the bus: applied here unless this node published it. */
    void onBusEvent(BusEvent event) {
        if (event.origin().equals(origin)) {
            return;
        }
        if (event instanceof BusEvent.MessagePosted p) {
            delivery.deliver(p.message());
            feed.wake(p.message().room());
        } else if (event instanceof BusEvent.Typing t) {
            delivery.typing(t.room(), t.user(), t.active());
        } else if (event instanceof BusEvent.PresenceChanged p) {
            delivery.presence(p.user(), p.online());
        } else if (event instanceof BusEvent.MembershipChanged c) {
            if (c.member()) {
                feed.memberAdded(c.room(), Rules.key(c.user()));
            }
            if (c.member() && Rules.isDirectRoomId(c.room())) {
                delivery.directMemberAdded(c.room(), c.user(), true);
            } else if (!c.member()) {
                members.removed(c.room(), Rules.key(c.user()));
                delivery.memberRemoved(c.room(), c.user());
                feed.memberRemoved(c.room(), Rules.key(c.user()));
            }
        } else if (event instanceof BusEvent.TokenRevoked r) {
            delivery.closeToken(r.tokenId(), POLICY, "logged out");
        }
    }
}
