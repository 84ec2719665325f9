package dev.parley.core.internal;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.protocol.ChatException;
import dev.parley.core.ClientSession;
import dev.parley.protocol.EventsPage;
import dev.parley.core.FileDownload;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Health;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.Connection;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.PresenceStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.StoredUser;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chat engine behind {@link Chat}: every rule of the contract, applied once, over the stores.
 * Built by {@link Chat.Builder}; not part of the public API.
 */
public final class ChatEngine implements Chat {
    private static final System.Logger LOG = System.getLogger(ChatEngine.class.getName());
    private static final String SYSTEM_USER = "system";
    private static final int GOING_AWAY = 1001;
    private static final int POLICY = 1008;
    private static final int SERVER_ERROR = 1011;

    private final ChatConfig config;
    private final UserStore users;
    private final RoomStore rooms;
    private final MessageStore messages;
    private final FileStore files;
    private final ClusterBus bus;
    private final Clock clock;
    private final ExecutorService executor;
    private final boolean ownExecutor;
    private final ScheduledExecutorService timer;
    private final Accounts accounts;
    private final InFlight inFlight;
    private final RateLimiter sendLimiter;
    private final Delivery delivery;
    private final EventFeed feed;
    private final Effects effects;
    private final Broadcaster broadcaster;
    private final RoomRules roomRules;
    private final AutoCloseable busSubscription;
    private final AutoCloseable busReconnect;
    private final AutoCloseable presenceSubscription;
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Every session not yet closed, registered or not (registration runs later, on the executor). */
    private final Set<LiveSession> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ChatEngine(ChatConfig config, UserStore users, RoomStore rooms, MessageStore messages, FileStore files,
                      TokenStore tokenStore, ClusterBus bus, PresenceStore presence, Clock clock,
                      ExecutorService executor) {
        this.config = config;
        this.users = users;
        this.rooms = rooms;
        this.messages = messages;
        this.files = files;
        this.bus = bus;
        this.clock = clock;
        this.ownExecutor = executor == null;
        this.executor = executor != null ? executor
                // Store calls block (a database commit): more threads than cores keep the CPU busy meanwhile.
                : Executors.newFixedThreadPool(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()),
                daemonThreads("parley-worker-"));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemonThreads("parley-timer-"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.accounts = new Accounts(users, new Tokens(tokenStore, clock, config.tokenTtl()), new Passwords(config.passwordHashCost()),
                new RateLimiter(clock, 1000.0 / config.loginFailureRefill().toMillis(), config.loginFailureBurst()), clock);
        this.inFlight = new InFlight(new IdGenerator(clock, config.nodeId()));
        this.sendLimiter = new RateLimiter(clock, config.sendsPerSecond(), config.sendBurst());
        this.delivery = new Delivery(messages, rooms, presence, this.executor, timer);
        this.feed = new EventFeed(messages, inFlight, this.executor, timer);
        if (rooms.find(GENERAL_ROOM).isEmpty()) {
            rooms.create(new Room(GENERAL_ROOM, GENERAL_ROOM, Visibility.PUBLIC, SYSTEM_USER, now()), List.of());
        }
        KnownMembers members = new KnownMembers(System::nanoTime);
        this.effects = new Effects(UUID.randomUUID().toString(), bus, delivery, feed, members);
        this.broadcaster = new Broadcaster(config, messages, inFlight, effects);
        this.roomRules = new RoomRules(config, rooms, accounts, delivery, broadcaster, effects, clock, members);
        this.busSubscription = bus.subscribe(effects::fromBus);
        this.busReconnect = bus.onReconnect(effects::reconnected);
        // Changes the presence store found by itself (a dead node's users): announced here and to the others.
        this.presenceSubscription = presence.subscribe((username, online) -> runQuietly(() -> presenceChanged(username, online)));
        timer.scheduleWithFixedDelay(() -> {
            try {
                tokenStore.purgeExpired(clock.instant());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "purging expired revocations failed", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    private void runQuietly(Runnable task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: nobody is left to tell.
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public ChatConfig config() {
        return config;
    }

    // ---- users and tokens ------------------------------------------------------------------

    @Override
    public User register(String username, String password) {
        return accounts.register(username, password);
    }

    @Override
    public LoginResult login(String username, String password) {
        return accounts.login(username, password);
    }

    @Override
    public User authenticate(String token) {
        return accounts.authenticate(token);
    }

    @Override
    public User principal(String username) {
        return accounts.principal(username);
    }

    @Override
    public void logout(String token) {
        Tokens.Claims claims = accounts.logout(token);
        effects.local(new BusEvent.TokenRevoked(effects.origin(), claims.tokenId()));
    }

    @Override
    public UserProfile user(String username) {
        StoredUser u = accounts.find(username);
        return profile(u.user());
    }

    private UserProfile profile(User u) {
        return new UserProfile(u.username(), u.createdAt(), delivery.isOnline(u.username()));
    }

    @Override
    public List<UserProfile> onlineUsers() {
        List<UserProfile> out = new ArrayList<>();
        for (String name : delivery.onlineUsernames()) {
            users.find(name).ifPresent(u -> out.add(new UserProfile(u.user().username(), u.user().createdAt(), true)));
        }
        return out;
    }

    // ---- rooms ------------------------------------------------------------------------------

    @Override
    public List<RoomListing> rooms(User caller) {
        return roomRules.list(caller);
    }

    @Override
    public Room createRoom(User caller, String id, Optional<String> name, Visibility visibility, List<String> members) {
        return roomRules.create(caller, id, name, visibility, members);
    }

    @Override
    public Room room(User caller, String roomId) {
        return roomRules.visible(caller, roomId);
    }

    /** Throws unless the caller may subscribe to the room. */
    void checkReadable(User caller, String roomId) {
        roomRules.memberRoom(caller, roomId);
    }

    @Override
    public void join(User caller, String roomId) {
        roomRules.join(caller, roomId);
    }

    @Override
    public void leave(User caller, String roomId) {
        roomRules.leave(caller, roomId);
    }

    @Override
    public void addMember(User caller, String roomId, String username) {
        roomRules.addMember(caller, roomId, username);
    }

    @Override
    public List<Member> members(User caller, String roomId) {
        return roomRules.members(caller, roomId);
    }

    // ---- messages ---------------------------------------------------------------------------

    @Override
    public Message send(User caller, String roomId, String text, Optional<String> clientMsgId) {
        return Broadcaster.join(sendAsync(caller, roomId, text, clientMsgId));
    }

    /**
     * {@link #send} without waiting for the store: the checks run now (and throw now), the future
     * completes once the message is stored and delivered. A caller's sends to one room, made one
     * after the other, are stored in that order.
     */
    CompletableFuture<Message> sendAsync(User caller, String roomId, String text, Optional<String> clientMsgId) {
        Rules.text(text, config.maxTextLength());
        Rules.clientMsgId(clientMsgId);
        Room r = roomRules.memberRoom(caller, roomId);
        rateLimit(caller);
        MessageKind kind = r.visibility() == Visibility.DIRECT ? MessageKind.PRIVATE : MessageKind.CHAT;
        return broadcaster.postAsync(new NewMessage(roomId, kind, caller.username(), text, now(), clientMsgId,
                Optional.empty()));
    }

    @Override
    public Message sendDirect(User caller, String username, String text, Optional<String> clientMsgId) {
        return Broadcaster.join(sendDirectAsync(caller, username, text, clientMsgId));
    }

    /** {@link #sendDirect} without waiting for the store, as {@link #sendAsync}. */
    CompletableFuture<Message> sendDirectAsync(User caller, String username, String text, Optional<String> clientMsgId) {
        Rules.text(text, config.maxTextLength());
        Rules.clientMsgId(clientMsgId);
        User target = accounts.find(username).user();
        if (Rules.key(target.username()).equals(Rules.key(caller.username()))) {
            throw ChatException.badRequest("a direct message needs another user");
        }
        rateLimit(caller);
        String roomId = roomRules.directRoom(caller, target);
        return broadcaster.postAsync(new NewMessage(roomId, MessageKind.PRIVATE, caller.username(), text, now(),
                clientMsgId, Optional.empty()));
    }

    private void rateLimit(User caller) {
        if (!sendLimiter.tryAcquire(Rules.key(caller.username()))) {
            throw ChatException.rateLimited("sending too fast, slow down");
        }
    }

    @Override
    public HistoryPage history(User caller, String roomId, PageRequest request) {
        roomRules.memberRoom(caller, roomId);
        return messages.page(roomId, request);
    }

    @Override
    public HistoryPage directHistory(User caller, String username, PageRequest request) {
        User target = accounts.find(username).user();
        String id = Rules.directRoomId(caller.username(), target.username());
        if (rooms.find(id).isEmpty()) {
            return new HistoryPage(List.of(), false);
        }
        return history(caller, id, request);
    }

    @Override
    public SharedFile shareFile(User caller, String roomId, String fileName, String contentType, InputStream data) {
        String name = Rules.fileName(fileName);
        String type = Rules.contentType(contentType);
        roomRules.memberRoom(caller, roomId);
        rateLimit(caller);
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String fileId = Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        long size;
        try {
            size = files.write(fileId, data, config.maxUploadBytes());
        } catch (IOException e) {
            throw ChatException.unavailable("could not store the file: " + e.getMessage(), e);
        }
        FileInfo info = new FileInfo(fileId, name, size, type);
        try {
            Message m = post(new NewMessage(roomId, MessageKind.FILE_SHARED, caller.username(), name, now(),
                    Optional.empty(), Optional.of(info)));
            return new SharedFile(info, m);
        } catch (RuntimeException e) {
            try {
                files.delete(fileId);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    @Override
    public FileDownload openFile(User caller, String fileId) {
        if (fileId == null || !fileId.matches("[A-Za-z0-9_-]{1,128}")) {
            throw ChatException.notFound("file " + fileId + " not found");
        }
        Message m = messages.findByFileId(fileId)
                .orElseThrow(() -> ChatException.notFound("file " + fileId + " not found"));
        if (!roomRules.isMember(m.room(), caller)) {
            throw ChatException.forbidden("you are not a member of the room this file was shared in");
        }
        try {
            InputStream in = files.read(fileId)
                    .orElseThrow(() -> ChatException.notFound("file " + fileId + " is no longer stored"));
            return new FileDownload(m.file().orElseThrow(), m.room(), in);
        } catch (IOException e) {
            throw ChatException.unavailable("could not read the file: " + e.getMessage(), e);
        }
    }

    // ---- announcements, events, presence ----------------------------------------------------

    @Override
    public Message announce(User caller, String text) {
        if (!config.isAdmin(caller.username())) {
            throw ChatException.forbidden("only admins can post announcements");
        }
        Rules.text(text, config.maxTextLength());
        return post(note(Rules.ANNOUNCEMENTS, MessageKind.SYSTEM, caller.username(), text));
    }

    @Override
    public Optional<Message> latestAnnouncement() {
        List<Message> last = messages.page(Rules.ANNOUNCEMENTS, PageRequest.latest(1)).messages();
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }

    @Override
    public CompletableFuture<EventsPage> events(User caller, long afterId, Duration wait) {
        if (afterId < 0) {
            throw ChatException.badRequest("after must be >= 0, got " + afterId);
        }
        if (wait.isNegative()) {
            throw ChatException.badRequest("wait must be >= 0 seconds");
        }
        Duration hold = wait.compareTo(config.maxEventsWait()) > 0 ? config.maxEventsWait() : wait;
        Set<String> roomIds = new HashSet<>();
        for (Room r : rooms.roomsOf(caller.username())) {
            roomIds.add(r.id());
        }
        roomIds.add(Rules.ANNOUNCEMENTS);
        return feed.poll(Rules.key(caller.username()), roomIds, afterId, hold);
    }

    void typing(User caller, String roomId, boolean active) {
        roomRules.memberRoom(caller, roomId);
        effects.local(new BusEvent.Typing(effects.origin(), roomId, caller.username(), active));
    }

    @Override
    public ClientSession connect(User user, Optional<String> token, Connection connection) {
        Optional<String> tokenId = token.map(accounts::tokenId);
        LiveSession session = new LiveSession(this, delivery, user, tokenId, connection, executor,
                config.outboundQueueLimit(), config.maxFrameBytes());
        // Added before the closed check, which close() sets before it closes this set's sessions:
        // a session opened concurrently with close() is closed by one side or the other.
        live.add(session);
        if (closed.get()) {
            session.close(GOING_AWAY, "server shutting down");
            return session;
        }
        // Registration reads the rooms store: do it on the session's own executor, before any frame it receives.
        // The welcome goes out only once the session is registered, so that a client holding its welcome
        // receives every message posted after it (a direct message, an announcement).
        session.runInOrder(() -> {
            if (session.isClosed()) {
                return;
            }
            boolean first;
            try {
                first = delivery.sessionOpened(session);
                if (session.tokenId().isPresent() && accounts.isRevoked(session.tokenId().get())) {
                    // A logout between connect() and the registration above did not see this session.
                    session.close(POLICY, "logged out");
                    return;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "opening a session of " + user.username() + " failed", e);
                session.close(SERVER_ERROR, "server error");
                return;
            }
            session.welcome(new ServerFrame.Welcome(user, now()));
            if (first) {
                presenceChanged(user.username(), true);
            }
            if (session.isClosed()) {
                sessionClosed(session);
            }
        });
        return session;
    }

    void sessionClosed(LiveSession session) {
        live.remove(session);
        try {
            executor.execute(() -> {
                if (delivery.sessionRemoved(session)) {
                    presenceChanged(session.user().username(), false);
                }
            });
        } catch (RejectedExecutionException e) {
            // The engine has shut down: no presence is left to update, and the caller (an adapter's
            // close callback, a connect after close) must not see an exception.
        }
    }

    /** A user came online or went offline in the whole cluster, as the presence store saw it from here. */
    private void presenceChanged(String username, boolean online) {
        effects.local(new BusEvent.PresenceChanged(effects.origin(), username, online));
    }

    @Override
    public Health health() {
        java.util.Map<String, String> down = new java.util.TreeMap<>();
        String busStatus = bus.status();
        if (!"UP".equals(busStatus)) {
            down.put("bus", busStatus);
        }
        String presenceStatus = delivery.presenceStatus();
        if (!"UP".equals(presenceStatus)) {
            down.put("presence", presenceStatus);
        }
        return down.isEmpty() ? new Health("UP", java.util.Map.of()) : new Health("DEGRADED", down);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable handle : List.of(busSubscription, busReconnect, presenceSubscription)) {
            try {
                handle.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing a bus or presence subscription failed", e);
            }
        }
        feed.releaseAll();
        for (LiveSession s : List.copyOf(live)) {
            s.close(GOING_AWAY, "server shutting down");
        }
        timer.shutdownNow();
        if (ownExecutor) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.shutdownNow();
            }
        }
    }

    // ---- posting ----------------------------------------------------------------------------

    private NewMessage note(String room, MessageKind kind, String from, String text) {
        return new NewMessage(room, kind, from, text, now(), Optional.empty(), Optional.empty());
    }

    private Message post(NewMessage message) {
        return broadcaster.post(message);
    }
}
