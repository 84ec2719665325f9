package dev.parley.client.terminal;

import dev.parley.client.ChatListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.Room;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints what happens as lines: {@code [3] [12:01] #general alice: hi}, {@code [4] [12:01] (pm)
 * alice: hi}, {@code * alice joined #general}. A message a user wrote gets a short number
 * ({@link MessageIndex}) that commands name it by; when it changes (edited, deleted, reacted to) it
 * is printed again under the same number in its new state: {@code (edited)}, {@code (message
 * deleted)}, reactions such as {@code 👍 2  🎉 1}, {@code (2 replies)} on a thread's root. A quoted
 * reply is preceded by a {@code > } line with what it answers, a reply in a thread names its root
 * ({@code (thread [1])}). Messages go to standard output, problems ({@code ! ...}) to standard
 * error. Called from the client's callback thread and the input loop alike, so every line is
 * printed whole.
 *
 * <p>A message from someone else that mentions the user (its {@code mentions}) stands out: with
 * colour (a real terminal) each {@code @me} in it is bold yellow; without, the line starts with
 * {@code >> }. A mention in a room this client does not follow (the {@code mention} event) is a
 * status line, {@code * bob mentioned you in #team: ...}. After printing an entry the printer tells
 * {@link #onPrinted its listener} the entry's room and seq (the read marker follows them).
 */
final class Printer implements ChatListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    /** How much of a quoted message a quote line shows. */
    private static final int QUOTE = 60;
    private static final String MARK = ">> ";
    private static final String BOLD_YELLOW = "\u001b[1;33m";
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final PrintStream err;
    private final String me;
    private final MessageIndex index = new MessageIndex(10_000);
    private final DisplayNames names = new DisplayNames();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile boolean connectedOnce;
    private final boolean colour;
    /** {@code @me} where a mention may stand (chat-core's rule: not inside a word or an address). */
    private final Pattern mention;
    private volatile BiConsumer<String, Long> printed = (room, seq) -> { };

    /** Without colour. */
    Printer(PrintStream out, PrintStream err, String me) {
        this(out, err, me, false);
    }

    /** @param colour whether the output is a terminal that shows ANSI colours */
    Printer(PrintStream out, PrintStream err, String me, boolean colour) {
        this.out = out;
        this.err = err;
        this.me = me;
        this.colour = colour;
        this.mention = Pattern.compile("(?<![A-Za-z0-9_.@-])@" + Pattern.quote(me) + "(?![A-Za-z0-9_])",
                Pattern.CASE_INSENSITIVE);
    }

    /** Told the room and seq of every entry printed (or applied, for a lifecycle entry), after it is. */
    void onPrinted(BiConsumer<String, Long> listener) {
        this.printed = listener;
    }

    /** The display names the printer shows users by; the commands teach it what they learn. */
    DisplayNames names() {
        return names;
    }

    /** The username of the user this client is. */
    String me() {
        return me;
    }

    /** Completes with the reason when the connection ends for good. */
    CompletableFuture<String> closed() {
        return closed;
    }

    /** The message shown under a number, for the commands that act on one. */
    Optional<MessageIndex.Entry> shown(int number) {
        return index.get(number);
    }

    @Override
    public void onMessage(Message m) {
        show(m);
    }

    @Override
    public void onEdited(Message current, Message entry) {
        line(format(current));
        printed.accept(entry.room(), entry.seq());
    }

    @Override
    public void onDeleted(Message current, Message entry) {
        line(format(current));
        printed.accept(entry.room(), entry.seq());
    }

    @Override
    public void onReaction(Message current, Message entry) {
        line(format(current));
        printed.accept(entry.room(), entry.seq());
    }

    @Override
    public void onModeration(Message entry) {
        note(ActLines.describe(entry));
        printed.accept(entry.room(), entry.seq());
    }

    @Override
    public void onRoomUpdated(Message entry) {
        note(ActLines.describe(entry));
        printed.accept(entry.room(), entry.seq());
    }

    @Override
    public void onMention(Message m) {
        String where = m.kind() == MessageKind.PRIVATE ? "a direct message" : "#" + m.room();
        String text = m.kind() == MessageKind.FILE_SHARED ? m.file().map(FileInfo::name).orElse(m.text()) : m.text();
        line(highlight(indented("* " + names.of(m.from()) + " mentioned you in " + where + ": ", text)));
    }

    @Override
    public void onUnsubscribed(String room, Optional<String> reason) {
        note(reason.map(r -> "you were " + r + " from #" + room).orElse("you no longer follow #" + room));
    }

    @Override
    public void onAnnouncement(Message m) {
        line(indented("* announcement from " + m.from() + ": ", m.text()));
    }

    @Override
    public void onRoomChanged(ServerFrame.RoomEvent event, Room room) {
        String name = room.visibility() == Visibility.DIRECT
                ? InputRules.directPeer(room.id(), me).map(p -> "a conversation with " + p).orElse(room.id())
                : "#" + room.id();
        switch (event) {
            case CREATED -> note("new public room " + name + " (/join " + room.id() + ")");
            case ADDED -> note("you are in " + name);
            case REMOVED -> note("you are no longer in " + name);
            case UPDATED -> note(name + " was updated");
            default -> {
            }
        }
    }

    @Override
    public void onError(ErrorCode code, String message, Optional<String> ref) {
        problem(message);
    }

    @Override
    public void onStateChange(ConnectionState state, String reason) {
        switch (state) {
            case CONNECTED -> {
                if (connectedOnce) {
                    note("reconnected");
                }
                connectedOnce = true;
            }
            case RECONNECTING -> note("reconnecting (" + reason + ")");
            case CLOSED -> closed.complete(reason);
            default -> {
            }
        }
    }

    /**
     * Prints a message as it is first shown, with the quote line of a reply; lifecycle entries
     * (as a history page lists them) print nothing, their effect being in the messages already.
     */
    void show(Message m) {
        if (m.kind().isLifecycle()) {
            printed.accept(m.room(), m.seq());
            return;
        }
        if (m.kind().isRoomAct()) {
            note(ActLines.describe(m));
            printed.accept(m.room(), m.seq());
            return;
        }
        String line = format(m);
        Optional<String> quote = m.replyTo().isPresent() ? Optional.of(quote(m.room(), m.replyTo().getAsLong()))
                : Optional.empty();
        synchronized (this) {
            quote.ifPresent(out::println);
            out.println(line);
        }
        printed.accept(m.room(), m.seq());
    }

    /** Whether a message is someone else's that mentions this user. */
    boolean mentionsMe(Message m) {
        return !m.from().equalsIgnoreCase(me) && m.mentions().stream().anyMatch(u -> u.equalsIgnoreCase(me));
    }

    /** A message's line as it stands out when it mentions the user: {@code >> } before it, or the mention in colour. */
    private String marked(Message m, String line) {
        if (!mentionsMe(m) || m.state().deleted()) {
            return line;
        }
        if (colour) {
            return highlight(line);
        }
        return MARK + line.replace(System.lineSeparator(), System.lineSeparator() + " ".repeat(MARK.length()));
    }

    /** Each {@code @me} of the text in bold yellow, with colour; the text as it is without. */
    private String highlight(String text) {
        return colour ? mention.matcher(text).replaceAll(Matcher.quoteReplacement(BOLD_YELLOW) + "$0"
                + Matcher.quoteReplacement(RESET)) : text;
    }

    /** The line for a message in its current state, without a line break. */
    String format(Message m) {
        return m.kind().isContent() ? marked(m, plain(m)) : plain(m);
    }

    private String plain(Message m) {
        String time = "[" + TIME.format(m.createdAt()) + "] ";
        return switch (m.kind()) {
            case USER_JOINED -> "* " + names.of(m.from()) + " joined #" + m.room();
            case USER_LEFT -> "* " + names.of(m.from()) + " left #" + m.room();
            case SYSTEM -> indented("* ", m.text());
            case PRIVATE -> indented(number(m) + time + "(pm" + (m.from().equalsIgnoreCase(me) ? " to " + peer(m.room()) : "")
                    + ")" + thread(m) + " " + names.of(m.from()) + ": ", body(m));
            case FILE_SHARED -> number(m) + time + "#" + m.room() + thread(m) + " " + names.of(m.from())
                    + (m.state().deleted() ? ": " + body(m)
                    : " shared " + m.file().map(Printer::describe).orElse(m.text()) + decorations(m));
            case CHAT -> indented(number(m) + time + "#" + m.room() + thread(m) + " " + names.of(m.from()) + ": ", body(m));
            case EDIT -> "* " + m.from() + " edited message " + m.target().getAsLong();
            case DELETE -> "* " + m.from() + " deleted message " + m.target().getAsLong();
            case REACTION -> "* " + m.from() + (m.reaction().orElseThrow().active() ? " reacted " : " took back ")
                    + m.reaction().orElseThrow().emoji() + " on message " + m.target().getAsLong();
            case MODERATION, ROOM_UPDATED -> "* " + ActLines.describe(m);
        };
    }

    /**
     * {@code prefix + text}, the continuation lines of a multi-line text indented to where its first
     * line starts after the prefix, so that they read as part of the message and not as lines of
     * their own.
     */
    static String indented(String prefix, String text) {
        String[] lines = text.split("\\R", -1);
        if (lines.length == 1) {
            return prefix + text;
        }
        String indent = " ".repeat(prefix.codePointCount(0, prefix.length()));
        StringBuilder b = new StringBuilder(prefix).append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            b.append(System.lineSeparator());
            if (!lines[i].isEmpty()) {
                b.append(indent).append(lines[i]);
            }
        }
        return b.toString();
    }

    private String number(Message m) {
        return "[" + index.number(m) + "] ";
    }

    /** The text and what its state adds: {@code (edited)}, reactions, replies; or the deleted placeholder. */
    private static String body(Message m) {
        if (m.state().deleted()) {
            return "(message deleted)";
        }
        return m.text() + decorations(m);
    }

    private static String decorations(Message m) {
        MessageState s = m.state();
        StringBuilder b = new StringBuilder();
        if (s.editedAt().isPresent()) {
            b.append(" (edited)");
        }
        if (!s.reactions().isEmpty()) {
            b.append(" ");
            for (Reaction r : s.reactions()) {
                b.append(' ').append(r.emoji()).append(' ').append(r.count()).append(' ');
            }
            b.setLength(b.length() - 1);
        }
        if (s.replies() > 0) {
            b.append("  (").append(s.replies()).append(s.replies() == 1 ? " reply)" : " replies)");
        }
        return b.toString();
    }

    /** {@code " (thread [1])"} for a reply in a thread whose root was shown, {@code " (thread)"} otherwise. */
    private String thread(Message m) {
        if (m.thread().isEmpty()) {
            return "";
        }
        return index.find(m.room(), m.thread().getAsLong()).map(e -> " (thread [" + e.number() + "])").orElse(" (thread)");
    }

    /** The line above a quoted reply: what it answers, as far as this terminal saw it. */
    private String quote(String room, long id) {
        return index.find(room, id).map(e -> {
            String text = e.text().isEmpty() ? "(message deleted)" : e.text().replaceAll("\\s*\\R\\s*", " ");
            if (text.codePointCount(0, text.length()) > QUOTE) {
                text = text.substring(0, text.offsetByCodePoints(0, QUOTE)) + "...";
            }
            return "    > [" + e.number() + "] " + e.from() + ": " + text;
        }).orElse("    > (an earlier message)");
    }

    /** The other user of a direct room {@code dm.<a>.<b>}, as far as the id tells. */
    private String peer(String room) {
        return InputRules.directPeer(room, me).orElse(room);
    }

    private static String describe(FileInfo f) {
        return f.name() + " (" + size(f.size()) + ", " + f.contentType() + ") - /download " + f.id();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** A status line: {@code * text}. */
    void note(String text) {
        line("* " + text);
    }

    /** A problem: {@code ! text} on standard error. */
    void problem(String text) {
        synchronized (this) {
            err.println("! " + text);
        }
    }

    synchronized void line(String text) {
        out.println(text);
    }
}
