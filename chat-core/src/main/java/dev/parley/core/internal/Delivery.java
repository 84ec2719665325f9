package dev.parley.core.internal;

import dev.parley.core.ChatMetrics;
import dev.parley.core.spi.Membership;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.OutboundFrame;
import dev.parley.core.spi.PresenceStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.Room;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Everything live on this node: the open sessions by user, the room hubs, presence and typing.
 * Messages enter through {@link #deliver}, whether accepted here or on another node; each is
 * encoded once and handed to its room's hub. Who is online is the {@link PresenceStore}'s answer,
 * which spans the cluster; this node tells it about its own users' first and last sessions.
 */
final class Delivery implements ChatMetrics.Gauges {
    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());

    private final MessageStore messages;
    private final RoomStore rooms;
    private final PresenceStore presence;
    private final Executor executor;
    private final Timers timers;
    private final ChatMetrics metrics;
    private final ConcurrentHashMap<String, RoomHub> hubs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<LiveSession>> sessionsByUser = new ConcurrentHashMap<>();
    /**
     * Striped by user: a user's first-session and last-session transitions reach the presence store in
     * the order they happened here, or a quick close and reopen could leave the store saying offline.
     */
    private final Object[] presenceLocks = new Object[64];

    Delivery(MessageStore messages, RoomStore rooms, PresenceStore presence, Executor executor, Timers timers) {
        this(messages, rooms, presence, executor, timers, ChatMetrics.none());
    }

    Delivery(MessageStore messages, RoomStore rooms, PresenceStore presence, Executor executor, Timers timers,
             ChatMetrics metrics) {
        this.metrics = metrics;
        this.messages = messages;
        this.rooms = rooms;
        this.presence = presence;
        this.executor = executor;
        this.timers = timers;
        for (int i = 0; i < presenceLocks.length; i++) {
            presenceLocks[i] = new Object();
        }
    }

    /** Where the sessions and hubs of this node report (deliveries, slow consumers, replays). */
    ChatMetrics metrics() {
        return metrics;
    }

    @Override
    public int connections() {
        int n = 0;
        for (Set<LiveSession> set : sessionsByUser.values()) {
            n += set.size();
        }
        return n;
    }

    @Override
    public int subscriptions() {
        int n = 0;
        for (Set<LiveSession> set : sessionsByUser.values()) {
            for (LiveSession s : set) {
                n += s.rooms().size();
            }
        }
        return n;
    }

    private Object presenceLock(String userKey) {
        return presenceLocks[Math.floorMod(userKey.hashCode(), presenceLocks.length)];
    }

    // ---- sessions --------------------------------------------------------------------------

    /**
     * Registers a new session: implicitly subscribed to announcements and the user's direct rooms.
     *
     * @return whether the user was offline in the whole cluster until now
     */
    boolean sessionOpened(LiveSession session) {
        boolean[] first = new boolean[1];
        boolean cameOnline;
        synchronized (presenceLock(session.userKey())) {
            sessionsByUser.compute(session.userKey(), (k, set) -> {
                Set<LiveSession> s = set != null ? set : ConcurrentHashMap.newKeySet();
                first[0] = s.isEmpty();
                s.add(session);
                return s;
            });
            cameOnline = first[0] && tellPresence(session.user().username(), true);
        }
        subscribeImplicitly(session, InputRules.ANNOUNCEMENTS);
        for (Room r : rooms.roomsOf(session.user().username())) {
            if (r.visibility() == Visibility.DIRECT) {
                subscribeImplicitly(session, r.id());
            }
        }
        return cameOnline;
    }

    /**
     * Forgets a closed session.
     *
     * @return whether the user is now offline in the whole cluster
     */
    boolean sessionRemoved(LiveSession session) {
        boolean[] last = new boolean[1];
        boolean wentOffline;
        synchronized (presenceLock(session.userKey())) {
            sessionsByUser.computeIfPresent(session.userKey(), (k, set) -> {
                set.remove(session);
                last[0] = set.isEmpty();
                return set.isEmpty() ? null : set;
            });
            wentOffline = last[0] && tellPresence(session.user().username(), false);
        }
        for (String room : List.copyOf(session.rooms())) {
            RoomHub hub = hubs.get(room);
            if (hub != null) {
                hub.unsubscribe(session, true);
                retireIfIdle(hub);
            }
        }
        return wentOffline;
    }

    private boolean tellPresence(String username, boolean online) {
        try {
            return online ? presence.online(username) : presence.offline(username);
        } catch (RuntimeException e) {
            // The store should absorb its own outages; a failing one must not break the connection.
            LOG.log(System.Logger.Level.WARNING, "presence store failed for " + username, e);
            return false;
        }
    }

    List<LiveSession> sessionsOf(String username) {
        Set<LiveSession> set = sessionsByUser.get(InputRules.key(username));
        return set == null ? List.of() : List.copyOf(set);
    }

    List<LiveSession> allSessions() {
        List<LiveSession> all = new ArrayList<>();
        sessionsByUser.values().forEach(all::addAll);
        return all;
    }

    /** Whether the user has a live session on some node of the cluster. */
    boolean isOnline(String username) {
        return presence.isOnline(username);
    }

    String presenceStatus() {
        return presence.status();
    }

    /** Usernames (as registered) with a live session on some node, ordered case-insensitively. */
    List<String> onlineUsernames() {
        return presence.onlineUsers();
    }

    // ---- subscriptions ---------------------------------------------------------------------

    void subscribe(LiveSession session, String room, OptionalLong since) {
        OptionalLong firstKept = since.isPresent() ? messages.firstSeq(room) : OptionalLong.empty();
        while (true) {
            RoomHub hub = hub(room);
            session.track(room);
            if (hub.subscribe(session, since, firstKept)) {
                return;
            }
            hubs.remove(room, hub);
        }
    }

    void subscribeImplicitly(LiveSession session, String room) {
        subscribeImplicitly(session, room, false);
    }

    private RoomHub subscribeImplicitly(LiveSession session, String room, boolean fromStart) {
        while (true) {
            RoomHub hub = hub(room);
            session.track(room);
            if (hub.subscribeImplicitly(session, fromStart)) {
                return hub;
            }
            hubs.remove(room, hub);
        }
    }

    void unsubscribe(LiveSession session, String room) {
        RoomHub hub = hubs.get(room);
        if (hub != null && hub.unsubscribe(session, false)) {
            session.untrack(room);
            retireIfIdle(hub);
        }
    }

    /** A user is no longer a member: their sessions stop receiving the room, and are told so if they had subscribed. */
    void memberRemoved(String room, String username) {
        memberRemoved(room, username, Optional.empty());
    }

    /** As {@link #memberRemoved(String, String)}, the {@code unsubscribed} frame saying why ("kicked", "banned"). */
    void memberRemoved(String room, String username, Optional<String> reason) {
        RoomHub hub = hubs.get(room);
        if (hub == null) {
            return;
        }
        OutboundFrame frame = Frames.of(new ServerFrame.Unsubscribed(room, reason));
        for (LiveSession s : sessionsOf(username)) {
            if (s.rooms().contains(room)) {
                hub.unsubscribe(s, true);
                s.untrack(room);
                s.offer(frame);
            }
        }
        retireIfIdle(hub);
    }

    /**
     * A direct room was created: that member's sessions here receive it from now on. Created on
     * another node, its first message may already be stored, and reach the bus before or after this;
     * created here, a message of the other user's may race it. So the room is delivered from its
     * start, and the store read for what is already there (the hub drops what it delivered already).
     */
    void directMemberAdded(String room, String username) {
        RoomHub hub = null;
        for (LiveSession s : sessionsOf(username)) {
            hub = subscribeImplicitly(s, room, true);
        }
        if (hub != null) {
            executor.execute(hub::catchUp);
        }
    }

    /**
     * The bus was down and may have lost messages: every hub reads from the store what it has not
     * delivered, so a lost message does not wait for a later one to reveal the gap.
     */
    void catchUp() {
        for (RoomHub hub : hubs.values()) {
            executor.execute(hub::catchUp);
        }
    }

    private RoomHub hub(String room) {
        return hubs.computeIfAbsent(room, r -> new RoomHub(r, messages, executor, timers, metrics));
    }

    private void retireIfIdle(RoomHub hub) {
        if (hub.retireIfIdle()) {
            hubs.remove(hub.room, hub);
        }
    }

    // ---- deliveries ------------------------------------------------------------------------

    /** Delivers a stored message to this node's subscribers of its room, encoding it once. */
    void deliver(Message message) {
        RoomHub hub = hubs.get(message.room());
        if (hub != null) {
            hub.deliver(message, Frames.of(new ServerFrame.MessageFrame(message)));
        }
    }

    /** Tells every live session of this node about a room (a public room created). */
    void roomChanged(ServerFrame.RoomEvent event, Room room) {
        OutboundFrame frame = Frames.of(new ServerFrame.RoomChanged(event, room));
        for (LiveSession s : allSessions()) {
            s.offer(frame);
        }
    }

    /**
     * A room's name, topic or read-only flag changed: every live session here that can see it (all of
     * them for a public room, its members' for another) gets a {@code room} frame {@code updated}.
     */
    void roomUpdated(Room room) {
        if (room.visibility() == Visibility.PUBLIC) {
            roomChanged(ServerFrame.RoomEvent.UPDATED, room);
            return;
        }
        OutboundFrame frame = Frames.of(new ServerFrame.RoomChanged(ServerFrame.RoomEvent.UPDATED, room));
        for (Membership m : rooms.members(room.id())) {
            for (LiveSession s : sessionsOf(m.username())) {
                s.offer(frame);
            }
        }
    }

    /**
     * Tells a user's live sessions on this node that they were added to or removed from a room. The
     * room is read only when the user has a session here.
     */
    void roomChanged(String username, ServerFrame.RoomEvent event, String roomId) {
        List<LiveSession> sessions = sessionsOf(username);
        if (sessions.isEmpty()) {
            return;
        }
        rooms.find(roomId).ifPresent(room -> {
            OutboundFrame frame = Frames.of(new ServerFrame.RoomChanged(event, room));
            for (LiveSession s : sessions) {
                s.offer(frame);
            }
        });
    }

    /** Tells the room's other subscribers that a user is typing. */
    void typing(String room, String username, boolean active) {
        RoomHub hub = hubs.get(room);
        if (hub == null) {
            return;
        }
        OutboundFrame frame = Frames.of(new ServerFrame.Typing(room, username, active));
        for (LiveSession s : hub.subscribers(InputRules.key(username))) {
            s.offer(frame);
        }
    }

    /**
     * A user's read marker moved: their other sessions here (all but {@code exceptSession}) and the
     * room's other subscribers here are told.
     */
    void read(String room, String username, long seq, Optional<String> exceptSession) {
        OutboundFrame frame = Frames.of(new ServerFrame.Read(room, username, seq));
        for (LiveSession s : sessionsOf(username)) {
            if (exceptSession.isEmpty() || !exceptSession.get().equals(s.id())) {
                s.offer(frame);
            }
        }
        RoomHub hub = hubs.get(room);
        if (hub != null) {
            for (LiveSession s : hub.subscribers(InputRules.key(username))) {
                s.offer(frame);
            }
        }
    }

    /**
     * A message mentions members: each one's sessions here that are not subscribed to its room
     * receive it as a {@code mention} frame (a subscribed session has it as a message already). The
     * author mentioning themselves is told nothing.
     */
    void mentioned(Message message) {
        String author = InputRules.key(message.from());
        OutboundFrame frame = null;
        for (String username : message.mentions()) {
            if (InputRules.key(username).equals(author)) {
                continue;
            }
            for (LiveSession s : sessionsOf(username)) {
                if (!s.rooms().contains(message.room())) {
                    frame = frame != null ? frame : Frames.of(new ServerFrame.Mention(message));
                    s.offer(frame);
                }
            }
        }
    }

    /** Tells this node's sessions of users who share a room with {@code username} that it came or went. */
    void presence(String username, boolean online) {
        String self = InputRules.key(username);
        Set<String> mates = new HashSet<>();
        for (Room r : rooms.roomsOf(username)) {
            for (Membership m : rooms.members(r.id())) {
                String key = InputRules.key(m.username());
                if (!key.equals(self) && sessionsByUser.containsKey(key)) {
                    mates.add(key);
                }
            }
        }
        if (mates.isEmpty()) {
            return;
        }
        OutboundFrame frame = Frames.of(new ServerFrame.Presence(username, online));
        for (String mate : mates) {
            Set<LiveSession> set = sessionsByUser.get(mate);
            if (set != null) {
                set.forEach(s -> s.offer(frame));
            }
        }
    }

    /** Closes the sessions opened with a token. */
    void closeToken(String tokenId, int code, String reason) {
        for (LiveSession s : allSessions()) {
            if (s.tokenId().equals(Optional.of(tokenId))) {
                s.close(code, reason);
            }
        }
    }

    /** Closes the user's sessions opened with a token other than {@code keptTokenId} (a password change). */
    void closeUserTokens(String username, Optional<String> keptTokenId, int code, String reason) {
        Set<LiveSession> set = sessionsByUser.get(InputRules.key(username));
        if (set == null) {
            return;
        }
        for (LiveSession s : List.copyOf(set)) {
            // A session without a token (the container's principal) did not sign in with the password.
            if (s.tokenId().isPresent() && !s.tokenId().equals(keptTokenId)) {
                s.close(code, reason);
            }
        }
    }
}
