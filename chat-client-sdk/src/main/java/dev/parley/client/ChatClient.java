package dev.parley.client;

import dev.parley.client.internal.ClientSettings;
import dev.parley.client.internal.DefaultChatClient;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.HistoryPage;
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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A client of one Parley server, or of a cluster of nodes: its REST API as blocking calls, and one
 * live WebSocket connection that carries every subscribed room.
 *
 * <p><b>Several servers.</b> Given the URLs of several nodes of one cluster
 * ({@link Builder#servers(List)}), the client uses the first and moves to the next, in list order
 * and wrapping around, when its node cannot be reached or drops the live connection: the live
 * connection reconnects there and resumes every room from the last seq delivered, re-sending the
 * unacknowledged sends under their clientMsgId; a REST call whose connection could not be opened
 * (refused, connect timeout) is made on the next server instead, each server once at most. A REST
 * call that reached a server is not repeated elsewhere (except a GET whose connection broke before
 * the answer), and an HTTP error answer is never retried.
 *
 * <p><b>Lifecycle.</b> Build with {@link #builder()}; REST calls work at once. {@link #connect()}
 * opens the live connection ({@link ConnectionState#CONNECTING}); once the server welcomes it the
 * client is {@link ConnectionState#CONNECTED}. If it drops later, the client reconnects by its
 * {@link ReconnectPolicy}, subscribes every room again from the last message it delivered, and sends
 * again every send not yet acknowledged under the same {@code clientMsgId} (the server stores it
 * once): nothing is lost and nothing is delivered twice. A refused token (expired or revoked) ends in
 * {@link ConnectionState#CLOSED} with the reason, after one fresh login when credentials were given.
 * {@link #close()} ends everything.
 *
 * <p><b>Threading.</b> Every method is thread-safe. The REST methods block the calling thread for
 * at most the request timeout (except {@link #events}, which adds its wait, and file transfers,
 * which last as long as the bytes flow) and throw {@link ChatClientException} with the contract's
 * code. The live methods never block: they return futures completed from the client's I/O threads.
 * {@link ChatListener} callbacks run as its documentation says.
 */
public interface ChatClient extends AutoCloseable {

    /** A builder; the server URL ({@link Builder#server} or {@link Builder#servers}) is the one required setting. */
    static Builder builder() {
        return new Builder();
    }

    // ---- account ---------------------------------------------------------------------------

    /** Registers a new user (it does not log in); CONFLICT if the name is taken. */
    User register(String username, String password);

    /**
     * Logs in with the builder's credentials and uses the new token from then on.
     *
     * @throws IllegalStateException when the client was built without credentials
     */
    LoginResult login();

    /**
     * Revokes the client's token on the server and closes the live connection
     * ({@link ConnectionState#CLOSED}, reason {@code "logged out"}). The client cannot connect again;
     * a later REST call logs in afresh when the client has credentials, and is UNAUTHORIZED otherwise.
     */
    void logout();

    /** The bearer token in use, if the client has one yet. */
    Optional<String> token();

    // ---- live connection -------------------------------------------------------------------

    /**
     * Opens the live connection, logging in first when the client has credentials but no token.
     * The future completes with the user once the server welcomes the connection; it fails with
     * {@link ChatClientException} if that first connection fails (no reconnect happens before the
     * first success) and the client is then {@link ConnectionState#CLOSED}. Calling it again returns
     * the same future.
     */
    CompletableFuture<User> connect();

    /** The live connection's current state; {@link Optional#empty()} before {@link #connect()}. */
    Optional<ConnectionState> state();

    /**
     * Sends a message to a room over the live connection, under a fresh {@code clientMsgId}. Sends
     * made while reconnecting are queued and go out, in order, once connected again.
     *
     * @return completes with the server's ack once the message is stored; fails with
     *         {@link ChatClientException} carrying the server's code if it refuses the message, or
     *         UNAVAILABLE if the client closes first or was never connected
     */
    CompletableFuture<Ack> send(String room, String text);

    /** Sends a direct message to a user, as {@link #send} does for a room. */
    CompletableFuture<Ack> sendDirect(String username, String text);

    /**
     * Subscribes to a room's live messages from now on, and keeps the subscription across
     * reconnects. Completes when the server confirms; fails with {@link ChatClientException} if it
     * refuses (FORBIDDEN when not a member: {@link #join} a public room first).
     */
    CompletableFuture<Void> subscribe(String room);

    /** Subscribes and first delivers every message of the room with {@code seq > since}, in order. */
    CompletableFuture<Void> subscribe(String room, long since);

    /** Stops a subscription; completes when the server confirms. */
    CompletableFuture<Void> unsubscribe(String room);

    /** Tells the room's other subscribers that the user started or stopped typing; dropped when not connected. */
    void typing(String room, boolean active);

    // ---- rooms -----------------------------------------------------------------------------

    /** Rooms the user belongs to plus every public room. */
    List<RoomListing> rooms();

    /** Creates a room owned by the user; CONFLICT if the id is taken. */
    Room createRoom(String id, Visibility visibility);

    /**
     * Creates a room owned by the user with a display name and initial members.
     *
     * @param name    display name; empty for the id
     * @param members usernames added as members besides the owner
     */
    Room createRoom(String id, Optional<String> name, Visibility visibility, List<String> members);

    /** A room the user may see; NOT_FOUND otherwise. */
    Room room(String id);

    /** Joins a public room (FORBIDDEN for a private one without invitation). */
    void join(String room);

    /** Leaves a room. */
    void leave(String room);

    /** Adds a member to a room the user owns (or administers). */
    void addMember(String room, String username);

    /** The members of a room the user belongs to. */
    List<Member> members(String room);

    // ---- history and users -----------------------------------------------------------------

    /** A page of a room's history, ascending by seq. */
    HistoryPage history(String room, PageRequest page);

    /** A page of the direct conversation with a user, ascending by seq. */
    HistoryPage directHistory(String username, PageRequest page);

    /** Usernames with at least one live connection. */
    List<String> onlineUsers();

    /** A user's public profile; NOT_FOUND if unknown. */
    UserProfile user(String username);

    /** The user the token belongs to. */
    User me();

    // ---- files -----------------------------------------------------------------------------

    /** Shares a file in a room, streaming it from disk; its name is the path's file name. */
    SharedFile upload(String room, Path file, String contentType);

    /** Shares the bytes of {@code data} (read to its end, not closed) in a room under a file name. */
    SharedFile upload(String room, InputStream data, String fileName, String contentType);

    /**
     * Streams a shared file into {@code out} (not closed).
     *
     * @return the file's name, type and the number of bytes written
     */
    FileInfo download(String fileId, OutputStream out);

    /**
     * Downloads a shared file to {@code target}, or into it under the file's own name when it is a
     * directory. A failed download leaves no partial file behind.
     *
     * @return the file's name, type and size
     */
    FileInfo download(String fileId, Path target);

    // ---- announcements and polling ---------------------------------------------------------

    /** Posts an announcement to every connected user; FORBIDDEN unless the user is an admin. */
    void announce(String text);

    /** The latest announcement, if there was one. */
    Optional<Message> latestAnnouncement();

    /**
     * Long-polls for messages of every room the user belongs to with id greater than {@code after},
     * holding up to {@code wait} (at most 30 s) when there is none yet.
     */
    EventsPage events(long after, Duration wait);

    /**
     * Closes the live connection ({@link ConnectionState#CLOSED}, reason
     * {@code "closed by the application"}), fails the sends still waiting for an ack with
     * UNAVAILABLE, delivers the callbacks already queued and stops the client's threads. Idempotent.
     */
    @Override
    void close();

    /**
     * Configures a {@link ChatClient}. Not thread-safe; {@link #build()} validates every setting and
     * names the bad one.
     */
    final class Builder {
        private List<URI> servers = List.of();
        private String username;
        private String password;
        private String token;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration pingInterval = Duration.ofSeconds(30);
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        private ChatListener listener = new ChatListener() {
        };
        private Executor callbackExecutor;

        private Builder() {
        }

        /** The server's base URL, such as {@code http://127.0.0.1:8080} (https too; a path prefix is kept). */
        public Builder server(String url) {
            return server(uri(url));
        }

        /** The server's base URL; replaces any URLs set before. */
        public Builder server(URI url) {
            return servers(List.of(Objects.requireNonNull(url, "url")));
        }

        /**
         * The base URLs of several nodes of one cluster (sharing one database), tried in this order;
         * replaces any URLs set before. See the class comment for when the client moves on.
         */
        public Builder servers(List<URI> urls) {
            Objects.requireNonNull(urls, "urls");
            urls.forEach(u -> Objects.requireNonNull(u, "urls contains null"));
            this.servers = List.copyOf(urls);
            return this;
        }

        /** As {@link #servers(List)}, from strings such as {@code http://10.0.0.1:8080}. */
        public Builder servers(String... urls) {
            return servers(java.util.Arrays.stream(urls).map(Builder::uri).toList());
        }

        private static URI uri(String url) {
            Objects.requireNonNull(url, "url");
            try {
                return URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("server URL is not a valid URI: " + url, e);
            }
        }

        /** Log in with these; also used to log in again once when the server refuses the token. */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Use this bearer token (from an earlier login) instead of logging in. */
        public Builder token(String value) {
            this.token = Objects.requireNonNull(value, "token");
            return this;
        }

        /** Longest wait to open a TCP connection (default 10 s). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /** Longest wait for the answer to a REST request (default 30 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        /**
         * How often the client pings a quiet connection (default 30 s); a connection that stays
         * silent for a whole further interval is taken for dead and replaced.
         */
        public Builder pingInterval(Duration value) {
            this.pingInterval = Objects.requireNonNull(value, "pingInterval");
            return this;
        }

        /** How to reconnect after a drop (default {@link ReconnectPolicy#defaults()}). */
        public Builder reconnect(ReconnectPolicy value) {
            this.reconnect = Objects.requireNonNull(value, "reconnect");
            return this;
        }

        /** Who receives messages and events of the live connection (default: nobody). */
        public Builder listener(ChatListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Where listener callbacks run; the client still runs them one at a time, in order.
         * Default: one daemon thread owned by the client.
         */
        public Builder callbackExecutor(Executor value) {
            this.callbackExecutor = Objects.requireNonNull(value, "callbackExecutor");
            return this;
        }

        /** @throws IllegalArgumentException naming the missing or bad setting */
        public ChatClient build() {
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("server URL is required, e.g. http://127.0.0.1:8080");
            }
            for (URI server : servers) {
                String scheme = server.getScheme();
                if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                    throw new IllegalArgumentException("server URL must start with http:// or https://, got " + server);
                }
                if (server.getHost() == null) {
                    throw new IllegalArgumentException("server URL needs a host, got " + server);
                }
            }
            if (new java.util.HashSet<>(servers).size() != servers.size()) {
                throw new IllegalArgumentException("server URLs must differ, got " + servers);
            }
            requirePositive("connectTimeout", connectTimeout);
            requirePositive("requestTimeout", requestTimeout);
            requirePositive("pingInterval", pingInterval);
            return new DefaultChatClient(new ClientSettings(servers, Optional.ofNullable(username),
                    Optional.ofNullable(password), Optional.ofNullable(token), connectTimeout, requestTimeout,
                    pingInterval, reconnect, listener, Optional.ofNullable(callbackExecutor)));
        }

        private static void requirePositive(String name, Duration d) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }
    }
}
