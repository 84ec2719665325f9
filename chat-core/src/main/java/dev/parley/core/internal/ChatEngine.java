package dev.parley.core.internal;

import dev.parley.core.Change;
import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.ChatMetrics;
import dev.parley.core.ClientSession;
import dev.parley.core.FileDownload;
import dev.parley.core.RoomAdmin;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.Connection;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.Scheduler;
import dev.parley.core.spi.StoredUser;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import dev.parley.protocol.Draft;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.Health;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.ReadMarker;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.SearchRequest;
import dev.parley.protocol.SearchResults;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.Visibility;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The chat engine behind {@link Chat}: builds its parts over the stores, hands each call of the
 * contract to the part that holds its rules ({@link Accounts}, {@link AccountSettings}, {@link Blocks},
 * {@link RoomRules}, {@link Messaging},
 * {@link Sessions}), joins the bus and the presence store to {@link Effects}, and stops it all on
 * {@link #close()}. Built by {@link Chat.Builder}; not part of the public API.
 */
public final class ChatEngine implements Chat {
    private static final System.Logger LOG = System.getLogger(ChatEngine.class.getName());
    private static final String SYSTEM_USER = "system";
    private static final Duration FIRST_PURGE = Duration.ofMinutes(1);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final ChatConfig config;
    private final UserStore users;
    private final ClusterBus bus;
    private final ExecutorService executor;
    private final boolean ownExecutor;
    private final Scheduler scheduler;
    private final boolean ownScheduler;
    private final Timers timers;
    private final TokenStore tokenStore;
    private final Clock clock;
    private final Accounts accounts;
    private final ServerAdmins admins;
    private final AccountSettings settings;
    private final Blocks blocks;
    private final Delivery delivery;
    private final EventFeed feed;
    private final RoomRules roomRules;
    private final Messaging messaging;
    private final Searching searching;
    private final Lifecycle lifecycle;
    private final ReadState readState;
    private final Moderation moderation;
    private final Sessions sessions;
    private final AutoCloseable busSubscription;
    private final AutoCloseable busReconnect;
    private final AutoCloseable presenceSubscription;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Wires the engine's parts from what {@code Chat.Builder} chose and creates the room {@code general} if missing. */
    public ChatEngine(EngineParts parts) {
        this.config = parts.config();
        this.users = parts.users();
        this.bus = parts.bus();
        this.tokenStore = parts.tokens();
        this.clock = parts.clock();
        RoomStore rooms = parts.rooms();
        MessageStore messages = parts.messages();
        ChatMetrics metrics = parts.metrics();
        this.ownExecutor = parts.executor() == null;
        this.executor = parts.executor() != null ? parts.executor()
                // Store calls block (a database commit): more threads than cores keep the CPU busy meanwhile.
                : Executors.newFixedThreadPool(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()),
                daemonThreads("parley-worker-"));
        this.ownScheduler = parts.scheduler() == null;
        this.scheduler = parts.scheduler() != null ? parts.scheduler() : Scheduler.system();
        this.timers = new Timers(this.scheduler, this.executor);
        Passwords passwords = new Passwords(config.passwordHashCost());
        RateLimiter loginFailures = new RateLimiter(clock, 1000.0 / config.loginFailureRefill().toMillis(),
                config.loginFailureBurst(), () -> metrics.rateLimited("login"));
        this.accounts = new Accounts(users, new Tokens(tokenStore, clock, config.tokenTtl()), passwords, loginFailures, clock);
        // Wrong current passwords share the login failures' budget: one guess costs the same either way.
        this.settings = new AccountSettings(users, accounts, passwords, loginFailures);
        this.blocks = new Blocks(parts.blocks(), accounts);
        this.admins = new ServerAdmins(config);
        InFlight inFlight = new InFlight(new IdGenerator(clock, config.nodeId()));
        this.delivery = new Delivery(messages, rooms, parts.presence(), this.executor, timers, metrics);
        this.feed = new EventFeed(messages, inFlight, this.executor, timers);
        if (rooms.find(GENERAL_ROOM).isEmpty()) {
            rooms.create(new Room(GENERAL_ROOM, GENERAL_ROOM, Visibility.PUBLIC, SYSTEM_USER,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)), List.of());
        }
        KnownMembers members = new KnownMembers(System::nanoTime);
        KnownRooms knownRooms = new KnownRooms(rooms);
        Sanctions sanctions = new Sanctions(parts.sanctions(), clock, System::nanoTime);
        Effects effects = new Effects(UUID.randomUUID().toString(), bus, delivery, feed, members, clock, metrics,
                new RoomActEffects(delivery, feed, members, knownRooms, sanctions));
        Broadcaster broadcaster = new Broadcaster(config, messages, inFlight, effects, metrics,
                new Mentions(users, rooms, members));
        this.roomRules = new RoomRules(admins, rooms, accounts, delivery, broadcaster, effects, clock, members,
                knownRooms, sanctions);
        this.moderation = new Moderation(admins, rooms, roomRules, accounts, sanctions, members, broadcaster, clock,
                messages);
        WriteGuard guard = new WriteGuard(roomRules, sanctions);
        CurrentState state = new CurrentState(messages);
        RateLimiter sendLimiter = new RateLimiter(clock, config.sendsPerSecond(), config.sendBurst(),
                () -> metrics.rateLimited("send"));
        this.messaging = new Messaging(config, admins, rooms, messages, parts.files(), accounts, roomRules, broadcaster,
                effects, feed, state, sendLimiter, clock, blocks, guard);
        this.searching = new Searching(rooms, messages, roomRules);
        this.lifecycle = new Lifecycle(config, roomRules, state, broadcaster, parts.files(), sendLimiter, clock, guard);
        this.readState = new ReadState(roomRules, rooms, messages, parts.readMarkers(), effects, this.executor);
        this.sessions = new Sessions(config, accounts, delivery, messaging, lifecycle, readState, effects, this.executor,
                clock);
        this.busSubscription = bus.subscribe(effects::fromBus);
        this.busReconnect = bus.onReconnect(effects::reconnected);
        // Changes the presence store found by itself (a dead node's users): announced here and to the others.
        this.presenceSubscription = parts.presence().subscribe((username, online) -> runQuietly(
                () -> sessions.presenceChanged(username, online)));
        timers.after(FIRST_PURGE, this::purgeExpiredRevocations);
        metrics.bind(delivery);
    }

    /** Revocations of tokens that have expired anyway are dropped, every hour. */
    private void purgeExpiredRevocations() {
        try {
            tokenStore.purgeExpired(clock.instant());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "purging expired revocations failed", e);
        }
        timers.after(PURGE_EVERY, this::purgeExpiredRevocations);
    }

    private void runQuietly(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
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
    public User principal(String username, Predicate<String> inRole) {
        User user = accounts.principal(username);
        admins.reported(user.username(), inRole);
        return user;
    }

    @Override
    public void logout(String token) {
        sessions.tokenRevoked(accounts.logout(token).tokenId());
    }

    @Override
    public UserProfile user(String username) {
        StoredUser u = accounts.find(username);
        return new UserProfile(u.user().username(), u.user().createdAt(), delivery.isOnline(u.user().username()),
                u.user().displayName());
    }

    @Override
    public List<UserProfile> onlineUsers() {
        List<UserProfile> out = new ArrayList<>();
        for (String name : delivery.onlineUsernames()) {
            users.find(name).ifPresent(u -> out.add(new UserProfile(u.user().username(), u.user().createdAt(), true,
                    u.user().displayName())));
        }
        return out;
    }

    @Override
    public User setDisplayName(User caller, Optional<String> displayName) {
        return settings.setDisplayName(caller, displayName);
    }

    @Override
    public void changePassword(User caller, Optional<String> token, String current, String next) {
        sessions.tokensRevoked(caller.username(), settings.changePassword(caller, token, current, next));
    }

    @Override
    public void block(User caller, String username) {
        blocks.block(caller, username);
    }

    @Override
    public void unblock(User caller, String username) {
        blocks.unblock(caller, username);
    }

    @Override
    public List<UserProfile> blocks(User caller) {
        List<UserProfile> out = new ArrayList<>();
        for (String name : blocks.blocked(caller)) {
            users.find(name).ifPresent(u -> out.add(new UserProfile(u.user().username(), u.user().createdAt(),
                    delivery.isOnline(u.user().username()), u.user().displayName())));
        }
        return out;
    }

    // ---- rooms ------------------------------------------------------------------------------

    @Override
    public List<RoomListing> rooms(User caller) {
        return readState.withCounts(caller, roomRules.list(caller));
    }

    @Override
    public Room createRoom(User caller, String id, Optional<String> name, Visibility visibility, List<String> members) {
        return roomRules.create(caller, id, name, visibility, members);
    }

    @Override
    public Room room(User caller, String roomId) {
        return roomRules.visible(caller, roomId);
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

    @Override
    public RoomAdmin admin() {
        return moderation;
    }

    // ---- messages ---------------------------------------------------------------------------

    @Override
    public Message send(User caller, String roomId, Draft draft) {
        return Broadcaster.join(messaging.sendAsync(caller, roomId, draft));
    }

    @Override
    public Message sendDirect(User caller, String username, Draft draft) {
        return Broadcaster.join(messaging.sendDirectAsync(caller, username, draft));
    }

    @Override
    public HistoryPage history(User caller, String roomId, PageRequest request) {
        return messaging.history(caller, roomId, request);
    }

    @Override
    public SearchResults search(User caller, SearchRequest request) {
        return searching.search(caller, request);
    }

    @Override
    public Message message(User caller, String roomId, long messageId) {
        return messaging.message(caller, roomId, messageId);
    }

    @Override
    public HistoryPage thread(User caller, String roomId, long rootId, PageRequest request) {
        return messaging.thread(caller, roomId, rootId, request);
    }

    @Override
    public Change edit(User caller, String roomId, long messageId, String text, Optional<String> clientMsgId) {
        return changed(caller, roomId, messageId, lifecycle.editAsync(caller, roomId, messageId, text, clientMsgId));
    }

    @Override
    public Change delete(User caller, String roomId, long messageId, Optional<String> clientMsgId) {
        return changed(caller, roomId, messageId, lifecycle.deleteAsync(caller, roomId, messageId, clientMsgId));
    }

    @Override
    public Change react(User caller, String roomId, long messageId, String emoji, Optional<String> clientMsgId) {
        return changed(caller, roomId, messageId, lifecycle.reactAsync(caller, roomId, messageId, emoji, true, clientMsgId));
    }

    @Override
    public Change unreact(User caller, String roomId, long messageId, String emoji, Optional<String> clientMsgId) {
        return changed(caller, roomId, messageId, lifecycle.reactAsync(caller, roomId, messageId, emoji, false, clientMsgId));
    }

    private Change changed(User caller, String roomId, long messageId, CompletableFuture<Optional<Message>> posted) {
        Optional<Message> entry = Broadcaster.join(posted);
        return new Change(entry, messaging.message(caller, roomId, messageId));
    }

    @Override
    public HistoryPage directHistory(User caller, String username, PageRequest request) {
        return messaging.directHistory(caller, username, request);
    }

    @Override
    public SharedFile shareFile(User caller, String roomId, String fileName, String contentType, InputStream data) {
        return messaging.shareFile(caller, roomId, fileName, contentType, data);
    }

    @Override
    public FileDownload openFile(User caller, String fileId) {
        return messaging.openFile(caller, fileId);
    }

    @Override
    public FileDownload openThumbnail(User caller, String fileId) {
        return messaging.openThumbnail(caller, fileId);
    }

    @Override
    public void markRead(User caller, String roomId, long seq) {
        Broadcaster.join(readState.mark(caller, roomId, seq, Optional.empty()));
    }

    @Override
    public List<ReadMarker> reads(User caller, String roomId) {
        return readState.reads(caller, roomId);
    }

    // ---- announcements, events, sessions ----------------------------------------------------

    @Override
    public Message announce(User caller, String text) {
        return messaging.announce(caller, text);
    }

    @Override
    public Optional<Message> latestAnnouncement() {
        return messaging.latestAnnouncement();
    }

    @Override
    public CompletableFuture<EventsPage> events(User caller, long afterId, Duration wait, Set<MessageKind> kinds) {
        return messaging.events(caller, afterId, wait, kinds);
    }

    @Override
    public ClientSession connect(User user, Optional<String> token, Connection connection) {
        return sessions.connect(user, token, connection);
    }

    @Override
    public Health health() {
        Map<String, String> down = new TreeMap<>();
        String busStatus = bus.status();
        if (!"UP".equals(busStatus)) {
            down.put("bus", busStatus);
        }
        String presenceStatus = delivery.presenceStatus();
        if (!"UP".equals(presenceStatus)) {
            down.put("presence", presenceStatus);
        }
        return down.isEmpty() ? new Health("UP", Map.of()) : new Health("DEGRADED", down);
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
        sessions.closeAll();
        timers.close();
        if (ownScheduler) {
            scheduler.close();
        }
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
}
