package dev.parley.client.terminal;

import dev.parley.client.ChatListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Prints what happens as lines: {@code [12:01] #general alice: hi}, {@code [12:01] (pm) alice: hi},
 * {@code * alice joined #general}. Messages go to standard output, problems ({@code ! ...}) to
 * standard error. Called from the client's callback thread and the input loop alike, so every
 * line is printed whole.
 */
final class Printer implements ChatListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final PrintStream err;
    private final String me;
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile boolean connectedOnce;

    Printer(PrintStream out, PrintStream err, String me) {
        this.out = out;
        this.err = err;
        this.me = me;
    }

    /** Completes with the reason when the connection ends for good. */
    CompletableFuture<String> closed() {
        return closed;
    }

    @Override
    public void onMessage(Message m) {
        line(format(m));
    }

    @Override
    public void onAnnouncement(Message m) {
        line("* announcement from " + m.from() + ": " + m.text());
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

    /** The line for a message, without a line break. */
    String format(Message m) {
        String time = "[" + TIME.format(m.createdAt()) + "] ";
        return switch (m.kind()) {
            case USER_JOINED -> "* " + m.from() + " joined #" + m.room();
            case USER_LEFT -> "* " + m.from() + " left #" + m.room();
            case SYSTEM -> "* " + m.text();
            case PRIVATE -> time + "(pm" + (m.from().equalsIgnoreCase(me) ? " to " + peer(m.room()) : "") + ") "
                    + m.from() + ": " + m.text();
            case FILE_SHARED -> time + "#" + m.room() + " " + m.from() + " shared "
                    + m.file().map(Printer::describe).orElse(m.text());
            case CHAT -> time + "#" + m.room() + " " + m.from() + ": " + m.text();
            case EDIT -> "* " + m.from() + " edited message " + m.target().getAsLong() + ": " + m.text();
            case DELETE -> "* " + m.from() + " deleted message " + m.target().getAsLong();
            case REACTION -> "* " + m.from() + (m.reaction().orElseThrow().active() ? " reacted " : " took back ")
                    + m.reaction().orElseThrow().emoji() + " on message " + m.target().getAsLong();
        };
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
