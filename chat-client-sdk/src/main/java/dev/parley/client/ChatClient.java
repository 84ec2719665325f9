package dev.parley.client;

import dev.parley.client.internal.ClientSettings;
import dev.parley.client.internal.DefaultChatClient;
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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

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
 * again every send, edit, deletion and reaction not yet acknowledged under the same
 * {@code clientMsgId} (the server applies it once): nothing is lost and nothing is delivered twice. A refused token (expired or revoked) ends in
 * {@link ConnectionState#CLOSED} with the reason, after one fresh login when credentials were given.
 * {@link #close()} ends everything.
 *
 * <p><b>Threading.</b> Every method is thread-safe. The REST methods block the calling thread for
 * at most the request timeout (except {@link #events}, which adds its wait, and file transfers,
 * which last as long as the bytes flow) and throw {@link ChatClientException} with the contract's
 * code. The live methods ({@code send}, {@code reply}, {@code edit}, {@code delete}, {@code react},
 * {@code subscribe}, ...) never block: they return futures completed from the client's I/O threads.
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
     * @return completes with the server's ack once the message is stored (a send always
     *         {@link Ack#posted() posts}); fails with
     *         {@link ChatClientException} carrying the server's code if it refuses the message, or
     *         UNAVAILABLE if the client closes first or was never connected
     */
    CompletableFuture<Ack> send(String room, String text);

    /**
     * Sends a message to a room over the live connection, as {@link #send(String, String)} does,
     * with what the draft carries: a quoted reply ({@link Draft#replyingTo}), a reply in a thread
     * ({@link Draft#inThread}), and the application's own {@code clientMsgId}
     * ({@link Draft#withClientMsgId}; a fresh one when it has none). Sending a draft again under its
     * {@code clientMsgId} while the first is still waiting returns the first one's future.
     *
     * @throws IllegalArgumentException when another call waits under the draft's {@code clientMsgId}
     */
    CompletableFuture<Ack> send(String room, Draft draft);

    /**
     * Sends a message that answers (quotes) the message {@code replyToId} of the same room.
     * The future fails with NOT_FOUND when the room holds no such message.
     */
    default CompletableFuture<Ack> reply(String room, long replyToId, String text) {
        return send(room, Draft.of(text).replyingTo(replyToId));
    }

    /**
     * Sends a reply in the thread of the message {@code rootId} of the same room. The future fails
     * with NOT_FOUND when the room holds no such message, BAD_REQUEST when it is itself a reply in
     * a thread (a thread does not nest: reply in its root's thread).
     */
    default CompletableFuture<Ack> replyInThread(String room, long rootId, String text) {
        return send(room, Draft.of(text).inThread(rootId));
    }

    /** Sends a direct message to a user, as {@link #send(String, String)} does for a room. */
    CompletableFuture<Ack> sendDirect(String username, String text);

    /** Sends a direct message with what the draft carries, as {@link #send(String, Draft)} does. */
    CompletableFuture<Ack> sendDirect(String username, Draft draft);

    /**
     * Replaces the text of one of the user's own messages, over the live connection; the room's
     * subscribers get an {@code EDIT} entry ({@link ChatListener#onEdited}). A room id may be a
     * direct room's ({@code dm.<a>.<b>}). Queued and sent again across reconnects like a send, under
     * one {@code clientMsgId}, so it takes effect once.
     *
     * @return completes with the ack (not {@link Ack#posted() posted} when the text was already that);
     *         fails with {@link ChatClientException}: FORBIDDEN for another user's message or one that
     *         is not text, CONFLICT for a deleted one, NOT_FOUND for an unknown id, BAD_REQUEST for an
     *         empty or too long text, UNAVAILABLE as for {@link #send(String, String)}
     */
    CompletableFuture<Ack> edit(String room, long messageId, String text);

    /**
     * Deletes a message (the user's own, or any as the room's owner, admin or moderator, or a server
     * admin), over the live connection; subscribers get a {@code DELETE} entry
     * ({@link ChatListener#onDeleted}), and a shared file's bytes are gone.
     *
     * @return completes with the ack (not {@link Ack#posted() posted} when it was deleted already);
     *         fails with FORBIDDEN or NOT_FOUND as for {@link #edit}
     */
    CompletableFuture<Ack> delete(String room, long messageId);

    /**
     * Adds the user's reaction to a message, over the live connection; subscribers get a
     * {@code REACTION} entry ({@link ChatListener#onReaction}).
     *
     * @param emoji 1 to 32 characters without spaces: an emoji, or a short code such as {@code :tada:}
     * @return completes with the ack (not {@link Ack#posted() posted} when the user had this reaction
     *         already); fails with BAD_REQUEST for a bad emoji, CONFLICT on a deleted message or one
     *         holding 20 different emoji already, NOT_FOUND for an unknown id
     */
    CompletableFuture<Ack> react(String room, long messageId, String emoji);

    /**
     * Takes back the user's reaction; the ack is not {@link Ack#posted() posted} when the user had
     * no such reaction.
     */
    CompletableFuture<Ack> unreact(String room, long messageId, String emoji);

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

    /**
     * Rooms the user belongs to plus every public room; those the user belongs to carry
     * {@link RoomListing#counts()}: the room's last seq, the user's read marker, and the unread
     * messages and mentions after it (counted up to {@link dev.parley.protocol.ReadCounts#CAP}).
     */
    List<RoomListing> rooms();

    /**
     * Moves the user's read marker in a room forward to {@code seq} (an older one is a no-op) and
     * returns once the server stored it; the user's other connections and the room's other
     * subscribers hear of it ({@link ChatListener#onRead}). BAD_REQUEST for a seq beyond the room's
     * last, FORBIDDEN for a room the user is not in.
     */
    void markRead(String room, long seq);

    /** The read markers of a room's members (0 for one who has read nothing yet). */
    List<dev.parley.protocol.ReadMarker> reads(String room);

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

    /** Moderation and room administration: roles, kicks, bans, mutes, room updates, the audit. */
    RoomAdmin admin();

    // ---- history and users -----------------------------------------------------------------

    /** A page of a room's history, ascending by seq. */
    HistoryPage history(String room, PageRequest page);

    /** A page of the direct conversation with a user, ascending by seq. */
    HistoryPage directHistory(String username, PageRequest page);

    /**
     * One message of a room in its current state: its text after the latest edit,
     * {@code state().editedAt()}, {@code deleted()}, the reactions with {@code me} for the user, and
     * for a thread root its {@code replies} and {@code lastReplyAt}. NOT_FOUND when the room holds
     * no message with this id. (Pages of {@link #history} and {@link #thread} show messages in their
     * current state as well; they also list the lifecycle entries, which a renderer skips there.)
     */
    Message message(String room, long messageId);

    /** A page of the replies in the thread of {@code rootId}, ascending by seq, each in its current state. */
    HistoryPage thread(String room, long rootId, PageRequest page);

    /**
     * Searches the messages the user may read ({@code GET /api/search}): those whose current text holds
     * every word of the query as a word or a word's beginning, case-insensitive, newest first, in every
     * room the user is a member of or in {@link SearchRequest#inRoom one}. Page on with
     * {@code request.before(lastId)} while {@link SearchResults#hasMore()}. Blocks for one round trip;
     * {@link SearchRequest} itself throws a {@link dev.parley.protocol.ChatException} BAD_REQUEST for an
     * empty or over-long query; the server's refusals (BAD_REQUEST for a query without a word, FORBIDDEN
     * or NOT_FOUND for a room the user may not read) come as a {@link ChatClientException}.
     */
    SearchResults search(SearchRequest request);

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

    /**
     * Streams the thumbnail of a shared image into {@code out} (not closed): PNG or JPEG, at most
     * 360 px wide and high, made by the server when the file was shared. NOT_FOUND for a file that
     * has none (not an image the server reads, or above 40 megapixels), as for an unknown file.
     *
     * @return its type ({@code image/png} or {@code image/jpeg}) and the number of bytes written
     */
    FileInfo thumbnail(String fileId, OutputStream out);

    // ---- announcements and polling ---------------------------------------------------------

    /** Posts an announcement to every connected user; FORBIDDEN unless the user is an admin. */
    void announce(String text);

    /** The latest announcement, if there was one. */
    Optional<Message> latestAnnouncement();

    // ---- the user's account ----------------------------------------------------------------

    /**
     * Sets the user's display name, shown instead of the username where set; an empty or blank
     * name clears it. BAD_REQUEST above 64 characters or with a control character. Returns the user
     * as the server stores it now.
     */
    User setDisplayName(Optional<String> displayName);

    /**
     * Changes the user's password. The server revokes every other token of the user (their sockets
     * close with 1008); this client's token stays valid, and a client built with credentials logs in
     * with the new password from now on. FORBIDDEN for a wrong current password (or a user the
     * server's container signs in), BAD_REQUEST for a new password under 8 characters.
     */
    void changePassword(String current, String next);

    /**
     * Blocks a user: their direct messages to this user are refused (FORBIDDEN) from now on.
     * NOT_FOUND for an unknown user, BAD_REQUEST for the user themself; blocking twice is a no-op.
     */
    void block(String username);

    /** Lifts a block; NOT_FOUND for an unknown user, a no-op for one not blocked. */
    void unblock(String username);

    /** The users this user blocks, ordered by name. */
    List<UserProfile> blocks();

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
        private SSLContext sslContext;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration pingInterval = Duration.ofSeconds(30);
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        private ChatListener listener = new ChatListener() {
        };
        private Executor callbackExecutor;
        private int recentMessagesPerRoom = 1000;

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

        /**
         * How many messages per room the client keeps the state of (default 1000), to hand
         * {@link ChatListener#onEdited} and the other lifecycle callbacks the message in its new
         * state; an entry acting on an older message makes the client read that message over HTTP
         * first. At least 2.
         */
        public Builder recentMessagesPerRoom(int value) {
            this.recentMessagesPerRoom = value;
            return this;
        }

        /**
         * The TLS context for {@code https://} servers (and their {@code wss://} WebSocket): one that trusts
         * a private certificate authority or a self-signed certificate. Default: the JDK's, which trusts
         * the public authorities of its trust store.
         */
        public Builder sslContext(SSLContext value) {
            this.sslContext = Objects.requireNonNull(value, "sslContext");
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
            if (recentMessagesPerRoom < 2) {
                throw new IllegalArgumentException("recentMessagesPerRoom must be at least 2, got " + recentMessagesPerRoom);
            }
            return new DefaultChatClient(new ClientSettings(servers, Optional.ofNullable(username),
                    Optional.ofNullable(password), Optional.ofNullable(token), connectTimeout, requestTimeout,
                    pingInterval, reconnect, listener, Optional.ofNullable(callbackExecutor), recentMessagesPerRoom,
                    Optional.ofNullable(sslContext)));
        }

        private static void requirePositive(String name, Duration d) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }
    }
}
