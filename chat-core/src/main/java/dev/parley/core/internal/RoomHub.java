package dev.parley.core.internal;

import dev.parley.core.ChatMetrics;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.OutboundFrame;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.wire.ServerFrame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * The live state of one room on this node, and its single owner: who is subscribed, and the
 * highest seq delivered. Messages reach it in any order (concurrent senders, the cluster bus);
 * it hands them to subscribers strictly in seq order, holding early ones back and filling a gap
 * from the store when the missing message does not turn up.
 *
 * <p>A subscription with {@code since} first catches up from the store, page by page as the
 * client's outbox drains, and switches to live delivery under this hub's lock at the moment it
 * has caught up, so nothing is missed or repeated across the switch.
 *
 * <p>All state is guarded by {@code this}. Frames are offered to outboxes under the lock (offering
 * never blocks), which is what keeps each subscriber's stream in seq order.
 */
final class RoomHub {
    private static final System.Logger LOG = System.getLogger(RoomHub.class.getName());
    /** How long a gap in seq may wait for its messages to arrive before they are read from the store. */
    private static final Duration GAP_WAIT = Duration.ofMillis(250);
    private static final Duration CATCH_UP_RETRY = Duration.ofSeconds(1);
    private static final int REPLAY_PAGE = 100;

    /** One session's subscription to this room. Guarded by the hub. */
    static final class Subscription {
        final LiveSession session;
        /** Delivered without being asked for: direct rooms and announcements reach every connection of their users. */
        boolean implicit;
        /** The client subscribed to the room. */
        boolean explicit;
        boolean live;
        boolean cancelled;
        long lastSent;
        /** Entries a replay sent from the store so far. */
        int replayed;

        Subscription(LiveSession session) {
            this.session = session;
        }
    }

    private record Held(Message message, OutboundFrame frame) {
    }

    final String room;
    private final MessageStore store;
    private final Executor executor;
    private final Timers timers;
    private final Map<LiveSession, Subscription> subscriptions = new LinkedHashMap<>();
    private final TreeMap<Long, Held> early = new TreeMap<>();
    private boolean initialised;
    private boolean retired;
    private boolean gapCheckScheduled;
    private long lastDelivered;

    private final ChatMetrics metrics;

    RoomHub(String room, MessageStore store, Executor executor, Timers timers, ChatMetrics metrics) {
        this.metrics = metrics;
        this.room = room;
        this.store = store;
        this.executor = executor;
        this.timers = timers;
    }

    private void initialise() {
        if (!initialised) {
            lastDelivered = store.lastSeq(room);
            initialised = true;
        }
    }

    /** Whether the hub was retired from its registry (it had no subscribers left); a retired hub takes no subscribers. */
    synchronized boolean isRetired() {
        return retired;
    }

    /**
     * Retires the hub if nobody is subscribed.
     *
     * @return whether it was retired
     */
    synchronized boolean retireIfIdle() {
        if (subscriptions.isEmpty()) {
            retired = true;
        }
        return retired;
    }

    /** Delivers a stored message, in seq order; {@code frame} is its encoded message frame, shared by every recipient. */
    void deliver(Message message, OutboundFrame frame) {
        synchronized (this) {
            if (retired) {
                return;
            }
            initialise();
            long seq = message.seq();
            if (seq <= lastDelivered) {
                return;
            }
            if (seq != lastDelivered + 1) {
                early.put(seq, new Held(message, frame));
                scheduleGapCheck();
                return;
            }
            emit(seq, frame);
            while (!early.isEmpty() && early.firstKey() <= lastDelivered + 1) {
                Map.Entry<Long, Held> next = early.pollFirstEntry();
                if (next.getKey() == lastDelivered + 1) {
                    emit(next.getKey(), next.getValue().frame());
                }
            }
        }
    }

    private void emit(long seq, OutboundFrame frame) {
        lastDelivered = seq;
        int recipients = 0;
        for (Subscription s : subscriptions.values()) {
            if (s.live && seq > s.lastSent) {
                s.lastSent = seq;
                s.session.offer(frame);
                recipients++;
            }
        }
        metrics.delivered(recipients);
    }

    private void scheduleGapCheck() {
        if (!gapCheckScheduled) {
            gapCheckScheduled = true;
            timers.after(GAP_WAIT, this::fillGap);
        }
    }

    /** A message is late: read what is missing from the store, or skip what the store no longer has. */
    private void fillGap() {
        long after;
        long before;
        synchronized (this) {
            gapCheckScheduled = false;
            if (early.isEmpty() || retired) {
                return;
            }
            after = lastDelivered;
            before = early.firstKey();
        }
        List<Message> missing;
        try {
            missing = store.page(room, new PageRequest(OptionalLong.of(before), OptionalLong.of(after),
                    (int) Math.min(PageRequest.MAX_LIMIT, before - after))).messages();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot fill a gap in room " + room + ", retrying", e);
            synchronized (this) {
                scheduleGapCheck();
            }
            return;
        }
        for (Message m : missing) {
            deliver(m, Frames.of(new ServerFrame.MessageFrame(m)));
        }
        synchronized (this) {
            if (!early.isEmpty() && missing.isEmpty() && lastDelivered == after && early.firstKey() == before) {
                // A later message is visible, so the missing ones were committed before it: the store no
                // longer has them (retention). Skip to what is held.
                LOG.log(System.Logger.Level.DEBUG, "room {0}: seq {1}..{2} no longer stored, skipping", room, after + 1, before - 1);
                lastDelivered = before - 1;
                Held held = early.pollFirstEntry().getValue();
                emit(held.message().seq(), held.frame());
                while (!early.isEmpty() && early.firstKey() == lastDelivered + 1) {
                    emit(early.firstKey(), early.pollFirstEntry().getValue().frame());
                }
            }
            if (!early.isEmpty()) {
                scheduleGapCheck();
            }
        }
    }

    /**
     * Delivers whatever the store holds beyond what this hub has delivered: after a bus outage the
     * last messages of a room may have been lost with nothing later to reveal the gap. Retries
     * while the store cannot be read.
     */
    void catchUp() {
        long after;
        synchronized (this) {
            if (retired || !initialised) {
                return;
            }
            after = lastDelivered;
        }
        try {
            long last = store.lastSeq(room);
            while (after < last) {
                List<Message> page = store.page(room, new PageRequest(OptionalLong.of(last + 1), OptionalLong.of(after),
                        (int) Math.min(PageRequest.MAX_LIMIT, last - after))).messages();
                if (page.isEmpty()) {
                    break;
                }
                for (Message m : page) {
                    deliver(m, Frames.of(new ServerFrame.MessageFrame(m)));
                }
                after = page.get(page.size() - 1).seq();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot catch up room " + room + ", retrying", e);
            timers.after(CATCH_UP_RETRY, this::catchUp);
        }
    }

    /**
     * Subscribes a session explicitly, answering {@code subscribed} and, with {@code since}, replaying
     * what it missed before going live.
     *
     * @return false when the hub was retired meanwhile (the caller takes a fresh hub)
     */
    boolean subscribe(LiveSession session, OptionalLong since, OptionalLong firstKept) {
        Subscription s;
        synchronized (this) {
            if (retired) {
                return false;
            }
            initialise();
            Subscription old = subscriptions.get(session);
            if (old != null) {
                old.cancelled = true;
            }
            s = new Subscription(session);
            s.implicit = old != null && old.implicit;
            s.explicit = true;
            subscriptions.put(session, s);
            long last = lastDelivered;
            if (since.isEmpty()) {
                s.live = true;
                s.lastSent = last;
                session.offer(Frames.of(new ServerFrame.Subscribed(room, last, false)));
                return true;
            }
            // Exactly the messages after since, even when since is ahead of what this node has delivered
            // yet (they are on their way): those arrive live, after since.
            long from = since.getAsLong();
            boolean truncated = firstKept.isPresent() ? from + 1 < firstKept.getAsLong() && from < last
                    : from < last;
            s.lastSent = from;
            session.offer(Frames.of(new ServerFrame.Subscribed(room, last, truncated)));
        }
        executor.execute(() -> replay(s));
        return true;
    }

    /**
     * Subscribes a session implicitly (live from now, no frames of its own): direct rooms and
     * announcements reach every connection of their users.
     *
     * @param fromStart the room was just created on another node: a hub new here delivers it from its
     *                  first message, which the store may hold before the bus brings it
     * @return false when the hub was retired meanwhile
     */
    synchronized boolean subscribeImplicitly(LiveSession session, boolean fromStart) {
        if (retired) {
            return false;
        }
        if (fromStart && !initialised) {
            lastDelivered = 0;
            initialised = true;
        }
        initialise();
        Subscription s = subscriptions.get(session);
        if (s == null) {
            s = new Subscription(session);
            s.live = true;
            s.lastSent = lastDelivered;
            subscriptions.put(session, s);
        }
        s.implicit = true;
        return true;
    }

    /**
     * Ends a session's explicit subscription; an implicit one goes on.
     *
     * @param everything also end an implicit subscription (the session closed, or the user left the room)
     * @return whether the session is now not subscribed at all
     */
    synchronized boolean unsubscribe(LiveSession session, boolean everything) {
        Subscription s = subscriptions.get(session);
        if (s == null) {
            return true;
        }
        if (s.implicit && !everything) {
            s.explicit = false;
            if (!s.live) {
                // Stop the replay; implicit delivery goes on from where the replay had got to.
                s.cancelled = true;
                Subscription next = new Subscription(session);
                next.implicit = true;
                next.live = true;
                next.lastSent = lastDelivered;
                subscriptions.put(session, next);
            }
            return false;
        }
        s.cancelled = true;
        subscriptions.remove(session);
        return true;
    }

    /** The sessions subscribed in any way, except those of {@code exceptUser} (a username key). */
    synchronized List<LiveSession> subscribers(String exceptUserKey) {
        List<LiveSession> out = new ArrayList<>(subscriptions.size());
        for (LiveSession s : subscriptions.keySet()) {
            if (!s.userKey().equals(exceptUserKey)) {
                out.add(s);
            }
        }
        return out;
    }

    /** One step of a catch-up: a page from the store, then the next once the outbox has room, then live. */
    private void replay(Subscription s) {
        long from;
        long target;
        synchronized (this) {
            if (s.cancelled || retired) {
                return;
            }
            from = s.lastSent;
            target = lastDelivered;
            if (from >= target) {
                s.live = true;
                metrics.replayed(s.replayed);
                return;
            }
        }
        HistoryPage page;
        int pageSize = (int) Math.min(Math.min(REPLAY_PAGE, target - from), Math.max(1, s.session.outboxLimit() / 2));
        long reading = System.nanoTime();
        try {
            page = store.page(room, new PageRequest(OptionalLong.of(target + 1), OptionalLong.of(from), pageSize));
            metrics.pageRead(System.nanoTime() - reading);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "replay of room " + room + " failed", e);
            s.session.error(dev.parley.protocol.ErrorCode.UNAVAILABLE, "history unavailable, subscribe again", room);
            synchronized (this) {
                unsubscribe(s.session, false);
            }
            return;
        }
        synchronized (this) {
            if (s.cancelled) {
                return;
            }
            long sent = from;
            for (Message m : page.messages()) {
                if (m.seq() > sent) {
                    sent = m.seq();
                    if (!s.session.offer(Frames.of(new ServerFrame.MessageFrame(m)))) {
                        return;
                    }
                    s.replayed++;
                }
            }
            // Nothing more below target in the store (or retention removed it): the catch-up is complete up to target.
            s.lastSent = page.messages().isEmpty() || !page.hasMore() ? target : sent;
        }
        s.session.whenOutboxAtMost(Math.max(0, s.session.outboxLimit() / 4), () -> executor.execute(() -> replay(s)));
    }
}
