package dev.parley.core.internal;

import dev.parley.core.ChatConfig;
import dev.parley.core.FileDownload;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.RoomStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Draft;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Room;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What users say and read: messages in rooms and direct conversations, shared files,
 * announcements, typing, history and the events feed. Each call checks the caller's right to the
 * room and the input first (throwing the contract's refusal), then posts through the
 * {@link Broadcaster}. Thread-safe.
 */
final class Messaging {
    private final ChatConfig config;
    private final ServerAdmins admins;
    private final RoomStore rooms;
    private final MessageStore messages;
    private final FileStore files;
    private final Accounts accounts;
    private final RoomRules roomRules;
    private final Broadcaster broadcaster;
    private final Effects effects;
    private final EventFeed feed;
    private final CurrentState state;
    private final RateLimiter sendLimiter;
    private final Clock clock;
    private final Blocks blocks;
    private final WriteGuard guard;
    private final SecureRandom random = new SecureRandom();
    private final Thumbnails thumbnails;

    Messaging(ChatConfig config, ServerAdmins admins, RoomStore rooms, MessageStore messages, FileStore files, Accounts accounts,
              RoomRules roomRules, Broadcaster broadcaster, Effects effects, EventFeed feed, CurrentState state,
              RateLimiter sendLimiter, Clock clock, Blocks blocks, WriteGuard guard) {
        this.config = config;
        this.admins = admins;
        this.rooms = rooms;
        this.messages = messages;
        this.files = files;
        this.thumbnails = new Thumbnails(files);
        this.accounts = accounts;
        this.roomRules = roomRules;
        this.broadcaster = broadcaster;
        this.effects = effects;
        this.feed = feed;
        this.state = state;
        this.sendLimiter = sendLimiter;
        this.clock = clock;
        this.blocks = blocks;
        this.guard = guard;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Posts a CHAT (or PRIVATE) message without waiting for the store: the checks run now (and
     * throw now), the future completes once the message is stored and delivered. A caller's sends to
     * one room, made one after the other, are stored in that order.
     */
    CompletableFuture<Message> sendAsync(User caller, String roomId, Draft draft) {
        InputRules.text(draft.text(), config.maxTextLength());
        InputRules.clientMsgId(draft.clientMsgId());
        Room r = roomRules.memberRoom(caller, roomId);
        guard.check(caller, r, Permissions.Act.POST);
        if (r.visibility() == Visibility.DIRECT) {
            blocks.checkRoom(caller, roomId);
        }
        state.checkReferences(roomId, draft);
        rateLimit(caller);
        MessageKind kind = r.visibility() == Visibility.DIRECT ? MessageKind.PRIVATE : MessageKind.CHAT;
        return broadcaster.postAsync(newMessage(roomId, kind, caller, draft));
    }

    /** A PRIVATE message to a user, in their direct room (created on first use), as {@link #sendAsync}. */
    CompletableFuture<Message> sendDirectAsync(User caller, String username, Draft draft) {
        InputRules.text(draft.text(), config.maxTextLength());
        InputRules.clientMsgId(draft.clientMsgId());
        User target = accounts.find(username).user();
        if (InputRules.key(target.username()).equals(InputRules.key(caller.username()))) {
            throw ChatException.badRequest("a direct message needs another user");
        }
        blocks.checkDirect(caller, target.username());
        if (draft.replyTo().isPresent() || draft.thread().isPresent()) {
            // Only an existing conversation holds messages to refer to.
            state.checkReferences(InputRules.directRoomId(caller.username(), target.username()), draft);
        }
        rateLimit(caller);
        String roomId = roomRules.directRoom(caller, target);
        return broadcaster.postAsync(newMessage(roomId, MessageKind.PRIVATE, caller, draft));
    }

    private NewMessage newMessage(String roomId, MessageKind kind, User caller, Draft draft) {
        return new NewMessage(roomId, kind, caller.username(), draft.text(), now(), draft.clientMsgId(),
                Optional.empty(), draft.replyTo(), draft.thread(), OptionalLong.empty(), Optional.empty());
    }

    private void rateLimit(User caller) {
        sendLimiter.acquireSend(caller);
    }

    /** Throws unless the caller may read (and so subscribe to) the room. */
    void checkReadable(User caller, String roomId) {
        roomRules.memberRoom(caller, roomId);
    }

    // Membership is checked again once a read is done: a reader kicked or banned while it ran gets nothing.

    HistoryPage history(User caller, String roomId, PageRequest request) {
        roomRules.memberRoom(caller, roomId);
        HistoryPage page = state.forReader(roomId, messages.page(roomId, request), caller.username());
        roomRules.memberRoom(caller, roomId);
        return page;
    }

    Message message(User caller, String roomId, long id) {
        roomRules.memberRoom(caller, roomId);
        Message m = state.message(roomId, id, caller.username());
        roomRules.memberRoom(caller, roomId);
        return m;
    }

    HistoryPage thread(User caller, String roomId, long rootId, PageRequest request) {
        roomRules.memberRoom(caller, roomId);
        state.stored(roomId, rootId);
        HistoryPage page = state.forReader(roomId, messages.thread(roomId, rootId, request), caller.username());
        roomRules.memberRoom(caller, roomId);
        return page;
    }

    HistoryPage directHistory(User caller, String username, PageRequest request) {
        User target = accounts.find(username).user();
        String id = InputRules.directRoomId(caller.username(), target.username());
        if (rooms.find(id).isEmpty()) {
            return new HistoryPage(List.of(), false);
        }
        return history(caller, id, request);
    }

    SharedFile shareFile(User caller, String roomId, String fileName, String contentType, InputStream data) {
        String name = InputRules.fileName(fileName);
        String type = InputRules.contentType(contentType);
        guard.check(caller, roomRules.memberRoom(caller, roomId), Permissions.Act.UPLOAD);
        blocks.checkRoom(caller, roomId);
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
        // Made once, before the file is announced, so a page that shows it can fetch its preview at once.
        thumbnails.make(fileId);
        try {
            Message m = broadcaster.post(new NewMessage(roomId, MessageKind.FILE_SHARED, caller.username(), name, now(),
                    Optional.empty(), Optional.of(info)));
            return new SharedFile(info, m);
        } catch (RuntimeException e) {
            try {
                files.delete(fileId);
                thumbnails.delete(fileId);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    FileDownload openFile(User caller, String fileId) {
        Message m = readableFile(caller, fileId);
        try {
            InputStream in = files.read(fileId)
                    .orElseThrow(() -> ChatException.notFound("file " + fileId + " is no longer stored"));
            return new FileDownload(m.file().orElseThrow(), m.room(), in);
        } catch (IOException e) {
            throw ChatException.unavailable("could not read the file: " + e.getMessage(), e);
        }
    }

    /** The thumbnail of a shared image, for whoever may download the file; NOT_FOUND when it has none. */
    FileDownload openThumbnail(User caller, String fileId) {
        Message m = readableFile(caller, fileId);
        try {
            byte[] bytes = thumbnails.read(fileId)
                    .orElseThrow(() -> ChatException.notFound("file " + fileId + " has no thumbnail"));
            String type = Thumbnailer.contentTypeOf(bytes);
            String name = "thumbnail." + (type.equals("image/png") ? "png" : "jpg");
            return new FileDownload(new FileInfo(fileId, name, bytes.length, type), m.room(), new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw ChatException.unavailable("could not read the thumbnail: " + e.getMessage(), e);
        }
    }

    /** The FILE_SHARED message of a file the caller may read: NOT_FOUND if unknown, FORBIDDEN for a non-member. */
    private Message readableFile(User caller, String fileId) {
        if (fileId == null || !InputRules.isFileId(fileId)) {
            throw ChatException.notFound("file " + fileId + " not found");
        }
        Message m = messages.findByFileId(fileId)
                .orElseThrow(() -> ChatException.notFound("file " + fileId + " not found"));
        if (!roomRules.isMember(m.room(), caller)) {
            throw ChatException.forbidden("you are not a member of the room this file was shared in");
        }
        return m;
    }

    Message announce(User caller, String text) {
        if (!admins.isAdmin(caller.username())) {
            throw ChatException.forbidden("only admins can post announcements");
        }
        InputRules.text(text, config.maxTextLength());
        return broadcaster.post(new NewMessage(InputRules.ANNOUNCEMENTS, MessageKind.SYSTEM, caller.username(), text, now(),
                Optional.empty(), Optional.empty()));
    }

    Optional<Message> latestAnnouncement() {
        List<Message> last = messages.page(InputRules.ANNOUNCEMENTS, PageRequest.latest(1)).messages();
        return last.isEmpty() ? Optional.empty() : Optional.of(last.get(0));
    }

    CompletableFuture<EventsPage> events(User caller, long afterId, Duration wait, Set<MessageKind> kinds) {
        if (kinds.isEmpty()) {
            throw ChatException.badRequest("kind needs at least one kind of entry");
        }
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
        roomIds.add(InputRules.ANNOUNCEMENTS);
        return feed.poll(InputRules.key(caller.username()), roomIds, afterId, hold, kinds);
    }

    /** A member started or stopped typing: the room's other subscribers are told, here and elsewhere. Not stored. */
    void typing(User caller, String roomId, boolean active) {
        roomRules.memberRoom(caller, roomId);
        effects.local(new BusEvent.Typing(effects.origin(), roomId, caller.username(), active));
    }
}
