package dev.parley.core.internal;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.ChatException;
import dev.parley.core.ClientSession;
import dev.parley.core.EventsPage;
import dev.parley.core.FileDownload;
import dev.parley.core.FileInfo;
import dev.parley.core.Health;
import dev.parley.core.HistoryPage;
import dev.parley.core.LoginResult;
import dev.parley.core.Member;
import dev.parley.core.Message;
import dev.parley.core.MessageKind;
import dev.parley.core.PageRequest;
import dev.parley.core.Role;
import dev.parley.core.Room;
import dev.parley.core.RoomListing;
import dev.parley.core.SharedFile;
import dev.parley.core.User;
import dev.parley.core.UserProfile;
import dev.parley.core.Visibility;
import dev.parley.core.protocol.ServerFrame;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.Connection;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.Membership;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
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
    private final String origin = UUID.randomUUID().toString();
    private final Broadcaster broadcaster;
    private final AutoCloseable busSubscription;
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean closed = new AtomicBoolean();

    public ChatEngine(ChatConfig config, UserStore users, RoomStore rooms, MessageStore messages, FileStore files,
                      TokenStore tokenStore, ClusterBus bus, Clock clock, ExecutorService executor) {
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
        this.delivery = new Delivery(messages, rooms, this.executor, timer);
        this.feed = new EventFeed(messages, inFlight, this.executor, timer);
        if (rooms.find(GENERAL_ROOM).isEmpty()) {
            rooms.create(new Room(GENERAL_ROOM, GENERAL_ROOM, Visibility.PUBLIC, SYSTEM_USER, now()), List.of());
        }
        this.broadcaster = new Broadcaster(origin, config, messages, inFlight, delivery, feed, bus);
        this.busSubscription = bus.subscribe(broadcaster::onBusEvent);
        timer.scheduleWithFixedDelay(() -> {
            try {
                tokenStore.purgeExpired(clock.instant());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "purging expired revocations failed", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
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
        delivery.closeToken(claims.tokenId(), POLICY, "logged out");
        bus.publish(new BusEvent.TokenRevoked(origin, claims.tokenId()));
    }

    @Override
    public UserProfile user(String username) {
        StoredUser u = findUser(username);
        return profile(u.user());
    }

    private UserProfile profile(User u) {
        return new UserProfile(u.username(), u.createdAt(), delivery.isOnline(u.username()));
    }

    private StoredUser findUser(String username) {
        Optional<StoredUser> found = username == null ? Optional.empty() : users.find(username);
        return found.orElseThrow(() -> ChatException.notFound("user " + username + " not found"));
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
        TreeMap<String, RoomListing> out = new TreeMap<>();
        for (Room r : rooms.roomsOf(caller.username())) {
            out.put(r.id(), new RoomListing(r, true));
        }
        for (Room r : rooms.publicRooms()) {
            out.putIfAbsent(r.id(), new RoomListing(r, false));
        }
        return List.copyOf(out.values());
    }

    @Override
    public Room createRoom(User caller, String id, Optional<String> name, Visibility visibility, List<String> members) {
        Rules.roomId(id);
        if (visibility == null || visibility == Visibility.DIRECT) {
            throw ChatException.badRequest("visibility must be \"public\" or \"private\"");
        }
        String roomName = Rules.roomName(name, id);
        List<Membership> memberships = new ArrayList<>();
        memberships.add(new Membership(caller.username(), Role.OWNER));
        Set<String> seen = new HashSet<>();
        seen.add(Rules.key(caller.username()));
        for (String m : members) {
            if (m == null || !m.matches("[A-Za-z0-9_.-]{3,32}")) {
                throw ChatException.badRequest("member \"" + m + "\" is not a valid username");
            }
            User u = findUser(m).user();
            if (seen.add(Rules.key(u.username()))) {
                memberships.add(new Membership(u.username(), Role.MEMBER));
            }
        }
        Room room = new Room(id, roomName, visibility, caller.username(), now());
        if (!rooms.create(room, memberships)) {
            throw ChatException.conflict("room " + id + " already exists");
        }
        return room;
    }

    @Override
    public Room room(User caller, String roomId) {
        Room r = findRoom(roomId);
        if (r.visibility() != Visibility.PUBLIC && !isMember(r.id(), caller)) {
            throw notFound(roomId);
        }
        return r;
    }

    private Room findRoom(String roomId) {
        if (roomId == null) {
            throw notFound(null);
        }
        return rooms.find(roomId).orElseThrow(() -> notFound(roomId));
    }

    private static ChatException notFound(String roomId) {
        return ChatException.notFound("room " + roomId + " not found");
    }

    private boolean isMember(String roomId, User user) {
        return rooms.role(roomId, user.username()).isPresent();
    }

    /** The room, if the caller may read and write it: NOT_FOUND if it does not exist, FORBIDDEN for a non-member. */
    private Room memberRoom(User caller, String roomId) {
        Room r = findRoom(roomId);
        if (!isMember(roomId, caller)) {
            throw ChatException.forbidden("you are not a member of room " + roomId);
        }
        return r;
    }

    /** Throws unless the caller may subscribe to the room. */
    void checkReadable(User caller, String roomId) {
        memberRoom(caller, roomId);
    }

    @Override
    public void join(User caller, String roomId) {
        Room r = findRoom(roomId);
        if (isMember(roomId, caller)) {
            return;
        }
        if (r.visibility() != Visibility.PUBLIC) {
            throw ChatException.forbidden("room " + roomId + " is private: its owner or an admin can add you");
        }
        if (rooms.addMember(roomId, caller.username(), Role.MEMBER)) {
            post(note(roomId, MessageKind.USER_JOINED, caller.username(), caller.username() + " joined"));
        }
    }

    @Override
    public void leave(User caller, String roomId) {
        Room r = room(caller, roomId);
        if (r.visibility() == Visibility.DIRECT) {
            throw ChatException.forbidden("a direct conversation cannot be left");
        }
        if (rooms.removeMember(roomId, caller.username())) {
            post(note(roomId, MessageKind.USER_LEFT, caller.username(), caller.username() + " left"));
            delivery.memberRemoved(roomId, caller.username());
            bus.publish(new BusEvent.MembershipChanged(origin, roomId, caller.username(), false));
        }
    }

    @Override
    public void addMember(User caller, String roomId, String username) {
        Room r = room(caller, roomId);
        if (r.visibility() == Visibility.DIRECT) {
            throw ChatException.forbidden("a direct conversation has exactly its two users");
        }
        Optional<Role> role = rooms.role(roomId, caller.username());
        boolean allowed = config.isAdmin(caller.username())
                || role.filter(x -> x == Role.OWNER || x == Role.ADMIN).isPresent();
        if (!allowed) {
            throw ChatException.forbidden("only the owner of room " + roomId + " or an admin can add members");
        }
        User target = findUser(username).user();
        if (rooms.addMember(roomId, target.username(), Role.MEMBER)) {
            post(note(roomId, MessageKind.USER_JOINED, target.username(), target.username() + " joined"));
            bus.publish(new BusEvent.MembershipChanged(origin, roomId, target.username(), true));
        }
    }

    @Override
    public List<Member> members(User caller, String roomId) {
        room(caller, roomId);
        List<Member> out = new ArrayList<>();
        for (Membership m : rooms.members(roomId)) {
            Role role = m.role() == Role.MEMBER && config.isAdmin(m.username()) ? Role.ADMIN : m.role();
            out.add(new Member(m.username(), role, delivery.isOnline(m.username())));
        }
        return out;
    }

    // ---- messages ---------------------------------------------------------------------------

    @Override
    public Message send(User caller, String roomId, String text, Optional<String> clientMsgId) {
        Rules.text(text, config.maxTextLength());
        Rules.clientMsgId(clientMsgId);
        Room r = memberRoom(caller, roomId);
        rateLimit(caller);
        MessageKind kind = r.visibility() == Visibility.DIRECT ? MessageKind.PRIVATE : MessageKind.CHAT;
        return post(new NewMessage(roomId, kind, caller.username(), text, now(), clientMsgId, Optional.empty()));
    }

    @Override
    public Message sendDirect(User caller, String username, String text, Optional<String> clientMsgId) {
        Rules.text(text, config.maxTextLength());
        Rules.clientMsgId(clientMsgId);
        User target = findUser(username).user();
        if (Rules.key(target.username()).equals(Rules.key(caller.username()))) {
            throw ChatException.badRequest("a direct message needs another user");
        }
        rateLimit(caller);
        String roomId = directRoom(caller, target);
        return post(new NewMessage(roomId, MessageKind.PRIVATE, caller.username(), text, now(), clientMsgId,
                Optional.empty()));
    }

    private void rateLimit(User caller) {
        if (!sendLimiter.tryAcquire(Rules.key(caller.username()))) {
            throw ChatException.rateLimited("sending too fast, slow down");
        }
    }

    /** The direct room of two users, created on first use; both users' live sessions receive it from then on. */
    private String directRoom(User a, User b) {
        String id = Rules.directRoomId(a.username(), b.username());
        if (rooms.find(id).isEmpty()) {
            Room room = new Room(id, id, Visibility.DIRECT, a.username(), now());
            if (rooms.create(room, List.of(new Membership(a.username(), Role.OWNER), new Membership(b.username(), Role.MEMBER)))) {
                for (User u : List.of(a, b)) {
                    delivery.directMemberAdded(id, u.username());
                    bus.publish(new BusEvent.MembershipChanged(origin, id, u.username(), true));
                }
            }
        }
        return id;
    }

    @Override
    public HistoryPage history(User caller, String roomId, PageRequest request) {
        memberRoom(caller, roomId);
        return messages.page(roomId, request);
    }

    @Override
    public HistoryPage directHistory(User caller, String username, PageRequest request) {
        User target = findUser(username).user();
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
        memberRoom(caller, roomId);
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
        if (!isMember(m.room(), caller)) {
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
        return feed.poll(roomIds, afterId, hold);
    }

    void typing(User caller, String roomId, boolean active) {
        memberRoom(caller, roomId);
        delivery.typing(roomId, caller.username(), active);
        bus.publish(new BusEvent.Typing(origin, roomId, caller.username(), active));
    }

    @Override
    public ClientSession connect(User user, Optional<String> token, Connection connection) {
        Optional<String> tokenId = token.map(accounts::tokenId);
        LiveSession session = new LiveSession(this, delivery, user, tokenId, connection, executor,
                config.outboundQueueLimit(), config.maxFrameBytes());
        if (closed.get()) {
            session.close(GOING_AWAY, "server shutting down");
            return session;
        }
        session.send(new ServerFrame.Welcome(user, now()));
        // Registration reads the rooms store: do it on the session's own executor, before any frame it receives.
        session.runInOrder(() -> {
            if (session.isClosed()) {
                return;
            }
            if (delivery.sessionOpened(session)) {
                delivery.presence(user.username(), true);
                bus.publish(new BusEvent.PresenceChanged(origin, user.username(), true));
            }
            if (session.isClosed()) {
                sessionClosed(session);
            }
        });
        return session;
    }

    void sessionClosed(LiveSession session) {
        executor.execute(() -> {
            if (delivery.sessionRemoved(session)) {
                delivery.presence(session.user().username(), false);
                bus.publish(new BusEvent.PresenceChanged(origin, session.user().username(), false));
            }
        });
    }

    @Override
    public Health health() {
        String busStatus = bus.status();
        return "UP".equals(busStatus) ? new Health("UP", java.util.Map.of())
                : new Health("DEGRADED", java.util.Map.of("bus", busStatus));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            busSubscription.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing the bus subscription failed", e);
        }
        feed.releaseAll();
        for (LiveSession s : delivery.allSessions()) {
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
