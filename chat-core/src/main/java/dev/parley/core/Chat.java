package dev.parley.core;

import dev.parley.core.internal.ChatEngine;
import dev.parley.core.internal.EngineParts;
import dev.parley.core.spi.BlockStore;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.Connection;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.PresenceStore;
import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.SanctionStore;
import dev.parley.core.spi.Scheduler;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import dev.parley.protocol.ChatException;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * A Parley chat engine: every operation of the wire contract, with no server around it.
 * Adapters (the Jakarta endpoints, the standalone server) translate requests into these calls;
 * a plain Java program can call them directly.
 *
 * <p>Build one with {@link #builder()}; the defaults keep everything in memory, so nothing survives
 * the process (give the builder persistent stores for that, e.g. chat-jakarta's JPA stores). Every method is
 * thread-safe. Methods taking a {@code caller} act as that user, whom the adapter authenticated
 * (with {@link #authenticate} or the container's principal). Refusals are thrown as
 * {@link ChatException} with the contract's code; storage failures as UNAVAILABLE.
 *
 * <p>Lifecycle: built, used, then {@link #close() closed}, which closes every live connection
 * with 1001 and stops the engine's threads. A public room {@code general} exists from the start.
 */
public interface Chat extends AutoCloseable {

    /** The id of the public room that always exists. */
    String GENERAL_ROOM = "general";

    /** A builder with in-memory stores and default configuration. */
    static Builder builder() {
        return new Builder();
    }

    /** The configuration in force. */
    ChatConfig config();

    // ---- users and tokens ------------------------------------------------------------------

    /** Registers a user; CONFLICT if the name is taken, BAD_REQUEST for a bad name or a password under 8 characters. */
    User register(String username, String password);

    /** Checks a password and issues a token; UNAUTHORIZED on bad credentials, RATE_LIMITED after repeated failures. */
    LoginResult login(String username, String password);

    /** Verifies a token (signature, expiry, revocation) and returns its user; UNAUTHORIZED otherwise. */
    User authenticate(String token);

    /**
     * The user for a name the host's container has already authenticated, created on first sight
     * (with no password, so it can only come in through the container), in no role of the
     * container's: as {@code principal(username, role -> false)}.
     */
    default User principal(String username) {
        return principal(username, role -> false);
    }

    /**
     * The user for a name the host's container has already authenticated, as {@link #principal(String)},
     * with the container's answer to which roles it is in. A principal in {@link ChatConfig#adminRole()}
     * is a server admin, like the users of {@link ChatConfig#admins()}: on this node from this call
     * until the next call for the same user says otherwise (the container may have taken the role back),
     * and on another node once the user came through it.
     *
     * @param inRole whether the principal is in a role of the container's (such as
     *               {@code HttpServletRequest::isUserInRole}); called on the caller's thread
     * @throws ChatException FORBIDDEN when the name is not a valid Parley username
     */
    User principal(String username, Predicate<String> inRole);

    /** Revokes the token: refused from now on, over HTTP and for new sockets, and its open sockets close. */
    void logout(String token);

    /** A user's public profile; NOT_FOUND if unknown. */
    UserProfile user(String username);

    /** Users with at least one live connection on any node of the cluster, ordered by name. */
    List<UserProfile> onlineUsers();

    // ---- the caller's account -----------------------------------------------------------------

    /**
     * Sets the caller's display name, stripped of surrounding white space; empty (or blank) clears
     * it. BAD_REQUEST above {@link dev.parley.protocol.InputRules#MAX_DISPLAY_NAME} characters or with
     * a control character. Returns the user as stored now.
     */
    User setDisplayName(User caller, Optional<String> displayName);

    /**
     * Replaces the caller's password. Every other token of the caller is refused from then on and
     * its sockets close with 1008, on every node; {@code token}, the one the request came with, stays
     * valid (empty: none does). BAD_REQUEST for a new password under 8 characters, FORBIDDEN for a
     * wrong current password or a user who has no Parley password (known by the container's
     * principal), RATE_LIMITED after repeated wrong passwords; each changes nothing.
     */
    void changePassword(User caller, Optional<String> token, String current, String next);

    /**
     * The caller blocks a user: that user's direct messages to the caller are refused (FORBIDDEN)
     * from now on. NOT_FOUND for an unknown user, BAD_REQUEST for the caller; blocking twice is a no-op.
     */
    void block(User caller, String username);

    /** Lifts the caller's block of a user; NOT_FOUND for an unknown user; one that is not there is a no-op. */
    void unblock(User caller, String username);

    /** The users the caller blocks, ordered by name. */
    List<UserProfile> blocks(User caller);

    // ---- rooms ------------------------------------------------------------------------------

    /**
     * Rooms the caller belongs to plus every public room, ordered by id; those the caller belongs to
     * carry the caller's read state ({@link RoomListing#counts()}): the room's last seq, the caller's
     * marker, and the unread messages and mentions after it, counted up to
     * {@link dev.parley.protocol.ReadCounts#CAP}.
     */
    List<RoomListing> rooms(User caller);

    /**
     * Creates a public or private room owned by the caller, with optional initial members.
     * CONFLICT if the id is taken, BAD_REQUEST for a bad id or visibility, NOT_FOUND for an unknown member.
     */
    Room createRoom(User caller, String id, Optional<String> name, Visibility visibility, List<String> members);

    /** A room the caller may see; NOT_FOUND if it does not exist or is private and the caller is not a member. */
    Room room(User caller, String roomId);

    /** Joins a public room (posting USER_JOINED); FORBIDDEN for a private room the caller was not invited to. */
    void join(User caller, String roomId);

    /** Leaves a room (posting USER_LEFT). */
    void leave(User caller, String roomId);

    /** The owner or an admin adds a member (posting USER_JOINED); FORBIDDEN for anyone else. */
    void addMember(User caller, String roomId, String username);

    /** The members of a room the caller may see: any public room, or a private or direct one the caller belongs to. */
    List<Member> members(User caller, String roomId);

    /** Moderation and room administration: roles, kicks, bans, mutes and room updates. */
    RoomAdmin admin();

    // ---- messages ---------------------------------------------------------------------------

    /**
     * Posts a CHAT message (or PRIVATE, in a direct room). Repeating a {@code clientMsgId} returns
     * the first message and stores nothing.
     */
    default Message send(User caller, String roomId, String text, Optional<String> clientMsgId) {
        return send(caller, roomId, Draft.of(text == null ? "" : text).withClientMsgId(clientMsgId));
    }

    /**
     * Posts a CHAT message (or PRIVATE, in a direct room), possibly answering another message
     * ({@link Draft#replyTo()}) or as a reply in a thread ({@link Draft#thread()}): NOT_FOUND when the
     * room holds no such message, BAD_REQUEST for a thread root that is itself a thread reply.
     * Repeating a {@code clientMsgId} returns the first message and stores nothing.
     */
    Message send(User caller, String roomId, Draft draft);

    /** Posts a PRIVATE message to a user, creating the direct room {@code dm.<a>.<b>} on first use. */
    default Message sendDirect(User caller, String username, String text, Optional<String> clientMsgId) {
        return sendDirect(caller, username, Draft.of(text == null ? "" : text).withClientMsgId(clientMsgId));
    }

    /** Posts a PRIVATE message to a user, as {@link #send(User, String, Draft)}, in their direct room. */
    Message sendDirect(User caller, String username, Draft draft);

    /**
     * A page of a room's log; FORBIDDEN for a non-member. Messages show in their current state
     * (edits, deletion, reactions with {@code me} for the caller, thread replies); the lifecycle
     * entries are in the page too, in seq order, so that it is a true slice of the log.
     */
    HistoryPage history(User caller, String roomId, PageRequest request);

    /**
     * The messages the caller may read (every room they are a member of now, or the request's one
     * room, refused as {@link #history} refuses it) whose current text holds every word of the query
     * as a word or a word's beginning, case-insensitive; newest first, in their current state with
     * the caller's reactions. BAD_REQUEST for a query without a letter or digit, or with more than
     * {@link dev.parley.core.spi.SearchWords#MAX_QUERY_WORDS} words; UNAVAILABLE when the message
     * store keeps no search index. Backed by the store's index ({@link MessageStore#search}).
     */
    SearchResults search(User caller, SearchRequest request);

    /** One message of a room in its current state; NOT_FOUND if the room holds none with that id. */
    Message message(User caller, String roomId, long messageId);

    /** A page of the replies in a message's thread, ascending by seq, in their current state. */
    HistoryPage thread(User caller, String roomId, long rootId, PageRequest request);

    /**
     * Replaces the text of the caller's own CHAT or PRIVATE message, posting EDIT. FORBIDDEN for
     * someone else's message or another kind, CONFLICT for a deleted one, NOT_FOUND for none; the same
     * text again posts nothing.
     */
    Change edit(User caller, String roomId, long messageId, String text, Optional<String> clientMsgId);

    /**
     * Deletes a message, posting DELETE: its author may, and so may the room's owner and admins and a
     * server admin. A shared file's bytes go with it. Deleting a deleted message posts nothing.
     */
    Change delete(User caller, String roomId, long messageId, Optional<String> clientMsgId);

    /**
     * Adds the caller's reaction to a message, posting REACTION (active). BAD_REQUEST for an emoji
     * that is empty or longer than {@link dev.parley.protocol.InputRules#MAX_EMOJI}; CONFLICT for a
     * new emoji on a message that holds {@link dev.parley.protocol.InputRules#MAX_REACTIONS} or for a
     * deleted message. Adding one the caller already has posts nothing.
     */
    Change react(User caller, String roomId, long messageId, String emoji, Optional<String> clientMsgId);

    /** Takes back the caller's reaction, posting REACTION (inactive); one the caller has not posts nothing. */
    Change unreact(User caller, String roomId, long messageId, String emoji, Optional<String> clientMsgId);

    /** A page of the caller's direct conversation with a user. */
    HistoryPage directHistory(User caller, String username, PageRequest request);

    /**
     * Stores a file and posts FILE_SHARED in the room. TOO_LARGE above the configured limit;
     * the stream is read but not closed.
     */
    SharedFile shareFile(User caller, String roomId, String fileName, String contentType, InputStream data);

    /** Opens a shared file for a member of its room; NOT_FOUND if unknown, FORBIDDEN for a non-member. */
    FileDownload openFile(User caller, String fileId);

    /**
     * Opens the thumbnail of a shared image (PNG or JPEG, at most 360 px wide and high), made once
     * when the file was shared and kept in the {@link dev.parley.core.spi.FileStore} beside it. The
     * same access as {@link #openFile}; NOT_FOUND also for a file that has none (not an image, one
     * that could not be read, or above 40 megapixels).
     */
    FileDownload openThumbnail(User caller, String fileId);

    // ---- read state -------------------------------------------------------------------------

    /**
     * Moves the caller's read marker in a room forward to {@code seq}; an older seq is a no-op.
     * Returns once the marker is stored; the caller's other connections and the room's other
     * subscribers receive a {@code read} frame, on every node. Bursts are coalesced: markers that
     * arrive while one is being written are written together, the latest of each user and room.
     * BAD_REQUEST for a negative seq or one beyond the room's last seq, NOT_FOUND for no such room,
     * FORBIDDEN for a non-member; nothing changes then.
     */
    void markRead(User caller, String roomId, long seq);

    /** The read markers of a room's members (0 for none yet), for a member of the room; FORBIDDEN otherwise. */
    List<ReadMarker> reads(User caller, String roomId);

    // ---- announcements, events, presence ----------------------------------------------------

    /** An admin's announcement, delivered to every connected user as a SYSTEM message; FORBIDDEN for others. */
    Message announce(User caller, String text);

    /** The last announcement, if any. */
    Optional<Message> latestAnnouncement();

    /**
     * Messages of every room the caller belongs to with id greater than {@code afterId}. The future
     * completes at once when there are some, else when one arrives or {@code wait} (capped by the
     * configuration) passes; no thread waits meanwhile.
     */
    default CompletableFuture<EventsPage> events(User caller, long afterId, Duration wait) {
        return events(caller, afterId, wait, EnumSet.allOf(MessageKind.class));
    }

    /**
     * As {@link #events(User, long, Duration)}, only the entries of {@code kinds} (the feed's
     * counterpart of a room's audit, {@link RoomAdmin#entries}): the page's cursor moves past the
     * entries of other kinds it read, so that the next request does not read them again, and a
     * request with none of those kinds yet waits as one with nothing.
     *
     * @throws ChatException BAD_REQUEST for no kinds
     */
    CompletableFuture<EventsPage> events(User caller, long afterId, Duration wait, Set<MessageKind> kinds);

    /**
     * Opens a live session for an authenticated user over an adapter's connection. The engine
     * registers the session on its executor and then sends {@code welcome}, first; anything
     * addressed to the user from then on follows it.
     *
     * @param user       the user, from {@link #authenticate} or {@link #principal}
     * @param token      the token the connection was opened with, so that logout closes it; empty for a principal
     * @param connection the adapter's connection
     */
    ClientSession connect(User user, Optional<String> token, Connection connection);

    /** Health of the engine, its bus and its presence store: DEGRADED with details while one is down. */
    Health health();

    /**
     * Closes every connection with 1001, calls off the engine's pending delayed tasks and stops the
     * engine's own threads; the stores, and an executor or scheduler given to the builder, are not closed.
     */
    @Override
    void close();

    /**
     * Builds a {@link Chat}. Every part has a default: in-memory stores, an in-process bus,
     * presence of this node alone, the system clock, and a thread pool and a scheduler owned by the
     * engine.
     * Not thread-safe.
     */
    final class Builder {
        ChatConfig config = ChatConfig.defaults();
        UserStore users;
        RoomStore rooms;
        MessageStore messages;
        FileStore files;
        TokenStore tokens;
        BlockStore blocks;
        ClusterBus bus;
        PresenceStore presence;
        SanctionStore sanctions;
        Clock clock = Clock.systemUTC();
        ExecutorService executor;
        Scheduler scheduler;
        ChatMetrics metrics = ChatMetrics.none();
        ReadMarkerStore readMarkers;

        Builder() {
        }

        public Builder config(ChatConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        public Builder userStore(UserStore value) {
            this.users = Objects.requireNonNull(value, "userStore");
            return this;
        }

        public Builder roomStore(RoomStore value) {
            this.rooms = Objects.requireNonNull(value, "roomStore");
            return this;
        }

        public Builder messageStore(MessageStore value) {
            this.messages = Objects.requireNonNull(value, "messageStore");
            return this;
        }

        public Builder fileStore(FileStore value) {
            this.files = Objects.requireNonNull(value, "fileStore");
            return this;
        }

        public Builder tokenStore(TokenStore value) {
            this.tokens = Objects.requireNonNull(value, "tokenStore");
            return this;
        }

        /** Who blocks whom; default: in memory. Nodes of a cluster share one store (e.g. chat-jakarta's JPA stores). */
        public Builder blockStore(BlockStore value) {
            this.blocks = Objects.requireNonNull(value, "blockStore");
            return this;
        }

        /** The bans and mutes of every room; default: in memory. */
        public Builder sanctionStore(SanctionStore value) {
            this.sanctions = Objects.requireNonNull(value, "sanctionStore");
            return this;
        }

        public Builder bus(ClusterBus value) {
            this.bus = Objects.requireNonNull(value, "bus");
            return this;
        }

        /**
         * Who is online across the cluster; default: this node alone, in memory. Several nodes share
         * presence through one implementation (such as chat-redis's), one instance per node.
         */
        public Builder presenceStore(PresenceStore value) {
            this.presence = Objects.requireNonNull(value, "presenceStore");
            return this;
        }

        /**
         * The clock for timestamps, ids, token expiry and rate limits (a fixed or stepped clock in
         * tests). It should tell the same time as the {@link #scheduler scheduler}: a test that steps
         * time gives both from one fake (chat-core's test-jar {@code FakeScheduler}).
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The executor for frame processing, history replay, store calls and every delayed task once
         * it is due. The engine does not shut down an executor it was given. Default: a pool of daemon
         * threads owned by the engine.
         */
        public Builder executor(ExecutorService value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Runs the engine's delayed tasks (long-poll timeouts, the 250 ms gap fill, retries, the hourly
         * purge of expired revocations). Tasks are called on the scheduler's thread and at once hand
         * their work to the engine's executor, so a scheduler thread is never held. The engine does
         * not close a scheduler it was given: close it after the engine. Default: {@link Scheduler#system()},
         * owned by the engine and closed by {@link Chat#close()}.
         */
        public Builder scheduler(Scheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * Where the engine reports what monitoring counts (connections, messages stored, deliveries,
         * store latency, ...); default {@link ChatMetrics#none()}. chat-micrometer's {@code ParleyMeters}
         * reports to a Micrometer registry.
         */
        public Builder metrics(ChatMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** The users' read markers; default: in memory. */
        public Builder readMarkerStore(ReadMarkerStore value) {
            this.readMarkers = Objects.requireNonNull(value, "readMarkerStore");
            return this;
        }

        /** Builds the engine, creating the room {@code general} if the room store lacks it. */
        public Chat build() {
            return new ChatEngine(new EngineParts(config,
                    users != null ? users : UserStore.inMemory(),
                    rooms != null ? rooms : RoomStore.inMemory(),
                    messages != null ? messages : MessageStore.inMemory(),
                    files != null ? files : FileStore.inMemory(),
                    tokens != null ? tokens : TokenStore.inMemory(),
                    readMarkers != null ? readMarkers : ReadMarkerStore.inMemory(),
                    blocks != null ? blocks : BlockStore.inMemory(),
                    sanctions != null ? sanctions : SanctionStore.inMemory(),
                    bus != null ? bus : ClusterBus.inProcess(),
                    presence != null ? presence : PresenceStore.inMemory(),
                    metrics, clock, executor, scheduler));
        }
    }
}
