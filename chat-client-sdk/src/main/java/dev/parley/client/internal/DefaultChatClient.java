package dev.parley.client.internal;

import dev.parley.client.Ack;
import dev.parley.client.ChatClient;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.Draft;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.SearchRequest;
import dev.parley.protocol.SearchResults;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.Visibility;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ChatClient} behind {@link ChatClient#builder()}: REST through {@link Rest}, the live
 * connection through {@link Session} on {@link JdkWebSocketTransport}. Owns three kinds of daemon
 * threads, all stopped by {@link #close()}: a timer (backoff, pings), an I/O pool for the blocking
 * calls the session makes (logins, history reads), and, unless the application gave an executor,
 * the callback thread.
 */
public final class DefaultChatClient implements ChatClient {
    private final ClientSettings settings;
    private final Rest rest;
    private final AdminRest admin;
    private final Session session;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService io;
    private final ExecutorService ownedCallbacks;

    public DefaultChatClient(ClientSettings settings) {
        this.settings = settings;
        // Cleartext HTTP/2 would begin with an h2c upgrade request, which servers such as Grizzly
        // leave hanging on a request with a body; HTTP/2 is kept for https, where ALPN negotiates it.
        boolean tls = settings.servers().stream().allMatch(u -> "https".equalsIgnoreCase(u.getScheme()));
        HttpClient.Builder httpBuilder = HttpClient.newBuilder()
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL);
        settings.sslContext().ifPresent(httpBuilder::sslContext);
        HttpClient http = httpBuilder.build();
        Endpoints endpoints = new Endpoints(settings.servers());
        HttpApi api = new HttpApi(settings, http, endpoints);
        this.rest = new Rest(api, settings.requestTimeout());
        this.admin = new AdminRest(api);
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("parley-client-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.io = Executors.newCachedThreadPool(daemon("parley-client-io"));
        this.ownedCallbacks = settings.callbackExecutor().isPresent() ? null
                : Executors.newSingleThreadExecutor(daemon("parley-client-callbacks"));
        Dispatcher dispatcher = new Dispatcher(settings.listener(),
                settings.callbackExecutor().isPresent() ? settings.callbackExecutor().get() : ownedCallbacks);
        this.session = new Session(new JdkWebSocketTransport(http, endpoints, settings.connectTimeout()),
                new RestServer(api, rest, settings), dispatcher, timer, io, settings.reconnect(),
                settings.pingInterval(), () -> ThreadLocalRandom.current().nextDouble(), settings.recentPerRoom());
        api.onTokenRefused(session::tokenRefused);
    }

    /** The session's view of the REST side. */
    private record RestServer(HttpApi api, Rest rest, ClientSettings settings) implements Session.Server {
        @Override
        public String token() {
            return api.token();
        }

        @Override
        public String relogin(String refused) {
            return api.relogin(refused);
        }

        @Override
        public boolean canLogin() {
            return settings.hasCredentials();
        }

        @Override
        public HistoryPage history(String room, PageRequest page) {
            return rest.history(room, page);
        }

        @Override
        public Message message(String room, long id) {
            return rest.message(room, id);
        }

        @Override
        public List<RoomListing> rooms() {
            return rest.rooms();
        }

        @Override
        public int servers() {
            return settings.servers().size();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- account ---------------------------------------------------------------------------

    @Override
    public User register(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        return rest.register(username, password);
    }

    @Override
    public LoginResult login() {
        return rest.api().login();
    }

    @Override
    public void logout() {
        session.close("logged out");
        if (rest.api().currentToken() != null) {
            rest.logout();
        }
    }

    @Override
    public Optional<String> token() {
        return Optional.ofNullable(rest.api().currentToken());
    }

    // ---- live ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<User> connect() {
        return session.connect();
    }

    @Override
    public Optional<ConnectionState> state() {
        return session.state();
    }

    @Override
    public CompletableFuture<Ack> send(String room, String text) {
        return send(room, Draft.of(Objects.requireNonNull(text, "text")));
    }

    @Override
    public CompletableFuture<Ack> send(String room, Draft draft) {
        return session.send(Objects.requireNonNull(room, "room"), Objects.requireNonNull(draft, "draft"));
    }

    @Override
    public CompletableFuture<Ack> sendDirect(String username, String text) {
        return sendDirect(username, Draft.of(Objects.requireNonNull(text, "text")));
    }

    @Override
    public CompletableFuture<Ack> sendDirect(String username, Draft draft) {
        return session.sendDirect(Objects.requireNonNull(username, "username"), Objects.requireNonNull(draft, "draft"));
    }

    @Override
    public CompletableFuture<Ack> edit(String room, long messageId, String text) {
        return session.edit(Objects.requireNonNull(room, "room"), messageId, Objects.requireNonNull(text, "text"));
    }

    @Override
    public CompletableFuture<Ack> delete(String room, long messageId) {
        return session.delete(Objects.requireNonNull(room, "room"), messageId);
    }

    @Override
    public CompletableFuture<Ack> react(String room, long messageId, String emoji) {
        return session.react(Objects.requireNonNull(room, "room"), messageId, Objects.requireNonNull(emoji, "emoji"),
                true);
    }

    @Override
    public CompletableFuture<Ack> unreact(String room, long messageId, String emoji) {
        return session.react(Objects.requireNonNull(room, "room"), messageId, Objects.requireNonNull(emoji, "emoji"),
                false);
    }

    @Override
    public CompletableFuture<Void> subscribe(String room) {
        return session.subscribe(Objects.requireNonNull(room, "room"), OptionalLong.empty());
    }

    @Override
    public CompletableFuture<Void> subscribe(String room, long since) {
        if (since < 0) {
            throw new IllegalArgumentException("since must be >= 0, got " + since);
        }
        return session.subscribe(Objects.requireNonNull(room, "room"), OptionalLong.of(since));
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String room) {
        return session.unsubscribe(Objects.requireNonNull(room, "room"));
    }

    @Override
    public void typing(String room, boolean active) {
        session.typing(Objects.requireNonNull(room, "room"), active);
    }

    // ---- REST ------------------------------------------------------------------------------

    @Override
    public List<RoomListing> rooms() {
        return rest.rooms();
    }

    @Override
    public void markRead(String room, long seq) {
        rest.markRead(Objects.requireNonNull(room, "room"), seq);
    }

    @Override
    public List<dev.parley.protocol.ReadMarker> reads(String room) {
        return rest.reads(Objects.requireNonNull(room, "room"));
    }

    @Override
    public Room createRoom(String id, Visibility visibility) {
        return rest.createRoom(id, Optional.empty(), Objects.requireNonNull(visibility, "visibility"), List.of());
    }

    @Override
    public Room createRoom(String id, Optional<String> name, Visibility visibility, List<String> members) {
        return rest.createRoom(id, Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(visibility, "visibility"), List.copyOf(members));
    }

    @Override
    public Room room(String id) {
        return rest.room(id);
    }

    @Override
    public void join(String room) {
        rest.join(room);
    }

    @Override
    public void leave(String room) {
        rest.leave(room);
    }

    @Override
    public void addMember(String room, String username) {
        rest.addMember(room, Objects.requireNonNull(username, "username"));
    }

    @Override
    public List<Member> members(String room) {
        return rest.members(room);
    }

    @Override
    public dev.parley.client.RoomAdmin admin() {
        return admin;
    }

    @Override
    public HistoryPage history(String room, PageRequest page) {
        HistoryPage p = rest.history(room, Objects.requireNonNull(page, "page"));
        session.read(room, p.messages());
        return p;
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return rest.search(Objects.requireNonNull(request, "request"));
    }

    @Override
    public HistoryPage directHistory(String username, PageRequest page) {
        HistoryPage p = rest.directHistory(username, Objects.requireNonNull(page, "page"));
        if (!p.messages().isEmpty()) {
            session.read(p.messages().get(0).room(), p.messages());
        }
        return p;
    }

    @Override
    public Message message(String room, long messageId) {
        Message m = rest.message(room, messageId);
        session.read(room, List.of(m));
        return m;
    }

    @Override
    public HistoryPage thread(String room, long rootId, PageRequest page) {
        HistoryPage p = rest.thread(room, rootId, Objects.requireNonNull(page, "page"));
        session.read(room, p.messages());
        return p;
    }

    @Override
    public List<String> onlineUsers() {
        return rest.onlineUsers();
    }

    @Override
    public UserProfile user(String username) {
        return rest.user(username);
    }

    @Override
    public User me() {
        return rest.me();
    }

    @Override
    public User setDisplayName(Optional<String> displayName) {
        return rest.setDisplayName(Objects.requireNonNull(displayName, "displayName"));
    }

    @Override
    public void changePassword(String current, String next) {
        rest.changePassword(current, next);
    }

    @Override
    public void block(String username) {
        rest.block(Objects.requireNonNull(username, "username"));
    }

    @Override
    public void unblock(String username) {
        rest.unblock(Objects.requireNonNull(username, "username"));
    }

    @Override
    public List<UserProfile> blocks() {
        return rest.blocks();
    }

    @Override
    public SharedFile upload(String room, Path file, String contentType) {
        return rest.upload(room, Objects.requireNonNull(file, "file"), contentType);
    }

    @Override
    public SharedFile upload(String room, InputStream data, String fileName, String contentType) {
        return rest.upload(room, data, fileName, contentType);
    }

    @Override
    public FileInfo download(String fileId, OutputStream out) {
        return rest.download(fileId, out);
    }

    @Override
    public FileInfo download(String fileId, Path target) {
        return rest.download(fileId, target);
    }

    @Override
    public FileInfo thumbnail(String fileId, OutputStream out) {
        return rest.thumbnail(fileId, out);
    }

    @Override
    public void announce(String text) {
        rest.announce(Objects.requireNonNull(text, "text"));
    }

    @Override
    public Optional<Message> latestAnnouncement() {
        return rest.latestAnnouncement();
    }

    @Override
    public EventsPage events(long after, Duration wait) {
        return rest.events(after, Objects.requireNonNull(wait, "wait"));
    }

    @Override
    public void close() {
        session.close("closed by the application");
        timer.shutdownNow();
        io.shutdown();
        if (ownedCallbacks != null) {
            ownedCallbacks.shutdown(); // the callbacks already queued, CLOSED last, still run
        }
    }

    @Override
    public String toString() {
        return "ChatClient[" + settings.servers() + ", " + session.state().map(Enum::name).orElse("NEW") + "]";
    }
}
