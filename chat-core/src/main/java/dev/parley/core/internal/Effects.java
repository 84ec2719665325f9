package dev.parley.core.internal;

import dev.parley.core.ChatMetrics;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;
import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.wire.ServerFrame;

import java.time.Clock;
import java.time.Duration;

/**
 * What a change of the cluster's shared state does on this node, coded once. Every kind of
 * {@link BusEvent} has its one case in {@link #apply}, and both ways a change reaches a node go
 * through it: a change made here is built as its event and handed to {@link #local} (applied here,
 * then published), and the same event arriving from another node comes in through
 * {@link #fromBus} (applied only). A new kind of event is a record in {@code BusEvent} and a case
 * in {@code apply}; a new kind of room log entry that changes more than the log is a case in
 * {@code stored}.
 *
 * <p>Ordering: a local change is applied before it is published, so this node's clients see it no
 * later than the other nodes' clients; the bus hands one node's events over in the order they were
 * published, and each room's hub puts messages in seq order whatever the order they arrive in.
 * The store write that a change records (a message appended, a member removed) is done by the
 * caller before {@code local}. Thread-safe; never called under an engine lock, since a synchronous
 * bus calls straight back into {@code fromBus}.
 */
final class Effects {

    private final String origin;
    private final ClusterBus bus;
    private final Delivery delivery;
    private final EventFeed feed;
    private final KnownMembers members;
    private final Clock clock;
    private final ChatMetrics metrics;
    private final RoomActEffects roomActs;

    /**
     * @param clock    with {@code metrics}, times the entries arriving from other nodes (the bus lag)
     * @param roomActs what MODERATION and ROOM_UPDATED entries change on this node
     */
    Effects(String origin, ClusterBus bus, Delivery delivery, EventFeed feed, KnownMembers members, Clock clock,
            ChatMetrics metrics, RoomActEffects roomActs) {
        this.origin = origin;
        this.bus = bus;
        this.delivery = delivery;
        this.feed = feed;
        this.members = members;
        this.clock = clock;
        this.metrics = metrics;
        this.roomActs = roomActs;
    }

    /** This node's id on the bus, the {@code origin} of the events it builds. */
    String origin() {
        return origin;
    }

    /** A change made on this node: applied here, then published to the other nodes. */
    void local(BusEvent event) {
        apply(event);
        bus.publish(event);
    }

    /** An event from the bus: applied here unless this node published it (and so applied it already). */
    void fromBus(BusEvent event) {
        if (!event.origin().equals(origin)) {
            if (event instanceof BusEvent.MessagePosted posted) {
                metrics.busLag(Duration.between(posted.message().createdAt(), clock.instant()));
            }
            apply(event);
        }
    }

    /**
     * The bus is back after an outage, and what it carried meanwhile may be lost: kept membership
     * answers are dropped (a removal may be among the losses), every room hub reads from the store
     * what it has not delivered, and every held events request looks again.
     */
    void reconnected() {
        members.forgetAll();
        roomActs.reconnected();
        delivery.catchUp();
        feed.wakeAll();
    }

    private void apply(BusEvent event) {
        if (event instanceof BusEvent.MessagePosted posted) {
            stored(posted.message());
        } else if (event instanceof BusEvent.Typing typing) {
            delivery.typing(typing.room(), typing.user(), typing.active());
        } else if (event instanceof BusEvent.PresenceChanged presence) {
            delivery.presence(presence.user(), presence.online());
        } else if (event instanceof BusEvent.MembershipChanged change) {
            membership(change);
        } else if (event instanceof BusEvent.RoomCreated created) {
            delivery.roomChanged(ServerFrame.RoomEvent.CREATED, created.room());
        } else if (event instanceof BusEvent.ReadMoved read) {
            delivery.read(read.room(), read.user(), read.seq(), read.origin().equals(origin) ? read.session()
                    : java.util.Optional.empty());
        } else if (event instanceof BusEvent.TokenRevoked revoked) {
            delivery.closeToken(revoked.tokenId(), CloseCodes.POLICY_VIOLATION, "logged out");
        } else if (event instanceof BusEvent.TokensRevoked revoked) {
            delivery.closeUserTokens(revoked.user(), revoked.keptTokenId(), CloseCodes.POLICY_VIOLATION, "password changed");
        } else {
            // BusEvent is sealed: a kind without a case here is a bug, caught by EffectsTest.
            throw new IllegalStateException("no effect for " + event.getClass().getName());
        }
    }

    /**
     * An entry of a room's log was stored: its subscribers here receive it in seq order and held
     * events requests wake. An entry kind that also changes live state (v2's moderation entries,
     * say) adds its case here, by kind, and so acts on every node alike.
     */
    private void stored(Message entry) {
        if (entry.kind().isRoomAct()) {
            roomActs.stored(entry);
        }
        delivery.deliver(entry);
        if (entry.kind().isContent() && !entry.mentions().isEmpty()) {
            delivery.mentioned(entry);
        }
        feed.wake(entry.room());
    }

    private void membership(BusEvent.MembershipChanged change) {
        String userKey = InputRules.key(change.user());
        if (change.member()) {
            // Held events requests follow the room from now on, so its first message wakes them.
            feed.memberAdded(change.room(), userKey);
            if (InputRules.isDirectRoomId(change.room())) {
                delivery.directMemberAdded(change.room(), change.user());
            }
        } else {
            members.removed(change.room(), userKey);
            delivery.memberRemoved(change.room(), change.user());
            feed.memberRemoved(change.room(), userKey);
        }
        delivery.roomChanged(change.user(), change.member() ? ServerFrame.RoomEvent.ADDED : ServerFrame.RoomEvent.REMOVED,
                change.room());
    }
}
