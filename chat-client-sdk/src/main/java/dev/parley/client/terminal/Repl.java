package dev.parley.client.terminal;

import dev.parley.client.Ack;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.SearchResults;
import dev.parley.protocol.SearchRequest;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.ReadCounts;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.SharedFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Collections;
import java.util.Optional;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The input loop: lines become sends to the current room, {@code /commands} act. Lines are read on
 * a separate thread so that the loop also wakes when the connection ends for good. Sends, replies,
 * edits, deletions and reactions are pipelined in input order (the SDK keeps that order across
 * reconnects); at the end of input the loop waits, up to the ack timeout, until each is
 * acknowledged. The commands that act on a message name it by the number the printer shows
 * beside it ({@code /edit 3 new text}); they act in that message's room, whichever is current.
 */
final class Repl {
    private static final String HELP = String.join(System.lineSeparator(),
            "  <text>                    send to the current room",
            "  /pm <user> <text>         send a direct message",
            "  /reply <n> <text>         answer message [n], quoting it",
            "  /thread <n> <text>        reply in the thread of message [n]",
            "  /edit <n> <text>          replace the text of your message [n]",
            "  /delete <n>               delete message [n]",
            "  /react <n> <emoji>        react to message [n], e.g. /react 3 \uD83D\uDC4D",
            "  /unreact <n> <emoji>      take your reaction back",
            "  /join <room>              join a room and make it current",
            "  /leave                    leave the current room",
            "  /rooms                    list rooms",
            "  /who                      members of the current room",
            "  /history [n]              the last n messages of the current room (default 20)",
            "  /search <words>           the latest messages of your rooms holding every word (or its start)",
            "  /upload <path>            share a file in the current room",
            "  /download <fileId> [path] save a shared file (default: current directory)",
            AccountCommands.HELP,
            ModerationCommands.HELP,
            "  /help                     this list",
            "  /quit                     leave (also: end of input)");
    private static final Object END_OF_INPUT = new Object();
    /** How much of a message's text the report of failed sends shows. */
    private static final int SHOWN = 40;

    private record Closed(String reason) {
    }

    private final ChatClient client;
    private final Printer printer;
    private final Main.LineSource in;
    private final Duration ackTimeout;
    private final Deque<String> rooms = new ArrayDeque<>();
    /** Each call not answered yet, with what the final report calls it ({@link #describe}). */
    private final Map<CompletableFuture<Ack>, Sent> unacknowledged = new ConcurrentHashMap<>();
    /** The calls the server refused, in the order they were refused. */
    private final Queue<Sent> refused = new ConcurrentLinkedQueue<>();

    /**
     * A call as the final report names it: a message (true) or a change to one (false). Equal only
     * to itself, so that the same text sent twice is reported twice.
     */
    private static final class Sent {
        private final boolean message;
        private final String description;

        Sent(boolean message, String description) {
            this.message = message;
            this.description = description;
        }

        boolean message() {
            return message;
        }

        String description() {
            return description;
        }
    }
    private final Runnable flushOutput;
    private final DisplayNames names;
    private final AccountCommands account;
    private final ModerationCommands moderation;

    private final ReadMarks marks;

    /**
     * @param flushOutput waits until what the client received so far is printed; run before exiting
     * @param marks       told which room is current, whose printed entries it marks read
     */
    Repl(ChatClient client, Printer printer, Main.LineSource in, String room, Duration ackTimeout, Runnable flushOutput,
         ReadMarks marks) {
        this.marks = marks;
        this.client = client;
        this.names = printer.names();
        this.account = new AccountCommands(client, printer, names, printer.me());
        this.flushOutput = flushOutput;
        this.printer = printer;
        this.in = in;
        this.ackTimeout = ackTimeout;
        this.rooms.push(room);
        this.moderation = new ModerationCommands(client, printer);
    }

    /** Runs until /quit, the end of input or the end of the connection; returns the exit code. */
    int run() {
        BlockingQueue<Object> inputs = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    inputs.add(line);
                }
            } catch (IOException e) {
                printer.problem("cannot read input: " + e.getMessage());
            }
            inputs.add(END_OF_INPUT);
        }, "chat-client-input");
        reader.setDaemon(true);
        reader.start();
        printer.closed().thenAccept(reason -> inputs.add(new Closed(reason)));
        try {
            while (true) {
                Object next = inputs.take();
                if (next == END_OF_INPUT) {
                    break;
                }
                if (next instanceof Closed c) {
                    printer.problem("disconnected: " + c.reason());
                    return finish(1);
                }
                if (!handle(((String) next).strip())) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        return finish(0);
    }

    /** Waits for the outstanding acks; any send refused or still unacknowledged makes the exit code 1. */
    private int finish(int code) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Sent> missing = new ArrayList<>();
        // A refusal seen here may not have reached the callback that records it yet: take both.
        Set<Sent> notDone = new LinkedHashSet<>();
        for (Map.Entry<CompletableFuture<Ack>, Sent> call : new ArrayList<>(unacknowledged.entrySet())) {
            try {
                call.getKey().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                notDone.add(call.getValue()); // reported as it failed; named again below
            } catch (TimeoutException e) {
                missing.add(call.getValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing.add(call.getValue());
                break;
            }
        }
        report(missing, "not acknowledged within " + ackTimeout.toSeconds() + " s");
        // The server sends a room's message frame before the ack, so once the acks are in, the echoes
        // of our own lines have reached the printer's queue: let it print them before we exit.
        flushOutput.run();
        List<Sent> all = new ArrayList<>(refused);
        notDone.forEach(c -> {
            if (!all.contains(c)) {
                all.add(c);
            }
        });
        report(all.stream().filter(Sent::message).toList(), "not sent");
        report(all.stream().filter(c -> !c.message()).toList(), "not made");
        return !missing.isEmpty() || !all.isEmpty() ? 1 : code;
    }

    /**
     * Names the calls that did not go through, one line each: {@code 1 message was not sent: #general
     * "the text"}, or a count line followed by one indented line per call.
     */
    private void report(List<Sent> calls, String what) {
        if (calls.isEmpty()) {
            return;
        }
        boolean messages = calls.stream().allMatch(Sent::message);
        String noun = messages ? "message" : calls.stream().noneMatch(Sent::message) ? "change" : "call";
        if (calls.size() == 1) {
            printer.problem("1 " + noun + " was " + what + ": " + calls.get(0).description());
            return;
        }
        printer.problem(calls.size() + " " + noun + "s were " + what + ":");
        calls.forEach(c -> printer.problem("  " + c.description()));
    }

    /** How the final report names a message: where it went and the start of its text, on one line. */
    static String describe(String target, String text) {
        String flat = text.strip().replaceAll("\\s*\\R\\s*", " ");
        if (flat.codePointCount(0, flat.length()) > SHOWN) {
            flat = flat.substring(0, flat.offsetByCodePoints(0, SHOWN)) + "...";
        }
        return target + " \"" + flat + "\"";
    }

    /** Acts on one line; false to stop. */
    private boolean handle(String line) {
        if (account.awaitsAnswer()) {
            try {
                account.answer(line);
            } catch (ChatClientException e) {
                printer.problem(e.getMessage());
            }
            return true;
        }
        if (line.isEmpty()) {
            return true;
        }
        if (!line.startsWith("/")) {
            if (rooms.isEmpty()) {
                printer.problem("no current room: /join one first");
            } else {
                track("#" + rooms.peek(), line, client.send(rooms.peek(), line));
            }
            return true;
        }
        String[] words = line.split("\\s+", 3); // a command, a name or number, the rest
        try {
            switch (words[0]) {
                case "/quit", "/exit" -> {
                    return false;
                }
                case "/help" -> printer.line(HELP);
                case "/pm", "/msg" -> {
                    if (words.length < 3) {
                        printer.problem("usage: /pm <user> <text>");
                    } else {
                        track("to " + words[1], words[2], client.sendDirect(words[1], words[2]));
                    }
                }
                case "/reply" -> message(words, "/reply <n> <text>").ifPresent(e ->
                        track("#" + e.room() + " (reply to [" + e.number() + "])", words[2],
                                client.reply(e.room(), e.id(), words[2])));
                case "/thread" -> message(words, "/thread <n> <text>").ifPresent(e ->
                        // a thread does not nest: a reply in one answers in its root's thread
                        track("#" + e.room() + " (thread [" + e.number() + "])", words[2],
                                client.replyInThread(e.room(), e.thread().orElse(e.id()), words[2])));
                case "/edit" -> message(words, "/edit <n> <text>").ifPresent(e ->
                        change("[" + e.number() + "] not edited", client.edit(e.room(), e.id(), words[2])));
                case "/delete" -> message(words, "/delete <n>").ifPresent(e ->
                        change("[" + e.number() + "] not deleted", client.delete(e.room(), e.id())));
                case "/react" -> message(words, "/react <n> <emoji>").ifPresent(e ->
                        change("no reaction on [" + e.number() + "]", client.react(e.room(), e.id(), words[2])));
                case "/unreact" -> message(words, "/unreact <n> <emoji>").ifPresent(e ->
                        change("reaction on [" + e.number() + "] not taken back",
                                client.unreact(e.room(), e.id(), words[2])));
                case "/join" -> join(words);
                case "/leave" -> leave();
                case "/rooms" -> listRooms();
                case "/who" -> who();
                case "/history" -> history(words);
                case "/search" -> search(line);
                case "/upload" -> upload(line);
                case "/download" -> download(words);
                case "/nick", "/password", "/block", "/unblock", "/blocks" -> account.handle(words, line);
                case "/topic", "/kick", "/ban", "/unban", "/bans", "/mute", "/unmute", "/role" -> {
                    if (rooms.isEmpty()) {
                        printer.problem("no current room: /join one first");
                    } else {
                        moderation.run(rooms.peek(), line);
                    }
                }
                default -> printer.problem("unknown command " + words[0] + " (try /help)");
            }
        } catch (ChatClientException e) {
            printer.problem(e.getMessage());
        }
        return true;
    }

    private void track(String target, String text, CompletableFuture<Ack> send) {
        track(send, "not sent to " + target, false, new Sent(true, describe(target, text)));
    }

    /** Tracks an edit, deletion or reaction; one that changed nothing says so. */
    private void change(String refusal, CompletableFuture<Ack> call) {
        track(call, refusal, true, new Sent(false, refusal));
    }

    private void track(CompletableFuture<Ack> call, String refusal, boolean sayNoOp, Sent sent) {
        unacknowledged.put(call, sent);
        call.whenComplete((ack, error) -> {
            if (error != null) {
                refused.add(sent); // before it leaves unacknowledged, so that finish() sees it in one or the other
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                printer.problem(refusal + ": " + cause.getMessage());
            } else if (sayNoOp && !ack.posted()) {
                printer.note("nothing changed");
            }
            unacknowledged.remove(call);
        });
    }

    /**
     * The message a command names by its number ({@code 3} or {@code [3]}), when the command has its
     * {@code usage}'s number of words; empty, after saying why, otherwise.
     */
    private Optional<MessageIndex.Entry> message(String[] words, String usage) {
        int needed = usage.split(" ").length;
        int n = -1;
        if (words.length >= needed) {
            try {
                n = Integer.parseInt(words[1].startsWith("[") && words[1].endsWith("]")
                        ? words[1].substring(1, words[1].length() - 1) : words[1]);
            } catch (NumberFormatException e) {
                n = -1;
            }
        }
        if (n < 1) {
            printer.problem("usage: " + usage);
            return Optional.empty();
        }
        Optional<MessageIndex.Entry> e = printer.shown(n);
        if (e.isEmpty()) {
            printer.problem("no message [" + n + "] here: the numbers are the ones shown beside messages");
        }
        return e;
    }

    private void join(String[] words) {
        if (words.length < 2) {
            printer.problem("usage: /join <room>");
            return;
        }
        String room = words[1].startsWith("#") ? words[1].substring(1) : words[1];
        client.join(room);
        names.learn(client.members(room));
        client.subscribe(room);
        rooms.remove(room);
        rooms.push(room);
        marks.current(room);
        printer.note("now talking in #" + room);
    }

    private void leave() {
        String room = rooms.peek();
        if (room == null) {
            printer.problem("no current room");
            return;
        }
        client.unsubscribe(room);
        client.leave(room);
        rooms.pop();
        marks.current(rooms.peek());
        printer.note("left #" + room + (rooms.isEmpty() ? "; /join a room to talk" : ", now talking in #" + rooms.peek()));
    }

    /** One line per room: {@code #team (The team) private, member, current, 3 unread (1 mention)}. */
    private void listRooms() {
        for (RoomListing l : client.rooms()) {
            String id = l.room().id();
            printer.line("  #" + id + (l.room().name().equals(id) ? "" : " (" + l.room().name() + ")")
                    + " " + l.room().visibility().wireName() + (l.member() ? ", member" : "")
                    + (id.equals(rooms.peek()) ? ", current" : "") + l.counts().map(Repl::unread).orElse(""));
        }
    }

    /** {@code ", 3 unread (1 mention)"}, nothing when all is read; the server counts up to ReadCounts.CAP. */
    static String unread(ReadCounts c) {
        if (c.unread() == 0) {
            return "";
        }
        String n = c.unread() >= ReadCounts.CAP ? (ReadCounts.CAP - 1) + "+" : String.valueOf(c.unread());
        String m = c.mentions() == 0 ? "" : " (" + (c.mentions() >= ReadCounts.CAP ? (ReadCounts.CAP - 1) + "+" : c.mentions())
                + (c.mentions() == 1 ? " mention)" : " mentions)");
        return ", " + n + " unread" + m;
    }

    private void who() {
        if (rooms.isEmpty()) {
            printer.problem("no current room");
            return;
        }
        List<Member> members = client.members(rooms.peek());
        names.learn(members);
        for (Member m : members) {
            printer.line("  " + names.of(m.username()) + " (" + m.role().wireName() + (m.online() ? ", online" : "") + ")");
        }
    }

    private void history(String[] words) {
        if (rooms.isEmpty()) {
            printer.problem("no current room");
            return;
        }
        int n = 20;
        if (words.length > 1) {
            try {
                n = Integer.parseInt(words[1]);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > PageRequest.MAX_LIMIT) {
                printer.problem("usage: /history [n], n from 1 to " + PageRequest.MAX_LIMIT);
                return;
            }
        }
        List<Message> page = client.history(rooms.peek(), PageRequest.latest(n)).messages();
        page.forEach(printer::show);
    }

    /** The latest matches, printed like history (oldest first, each with its room, author and number). */
    private void search(String line) {
        String q = line.substring("/search".length()).strip();
        if (q.isEmpty()) {
            printer.problem("usage: /search <words>");
            return;
        }
        SearchResults found;
        try {
            found = client.search(SearchRequest.of(q));
        } catch (ChatException e) {
            printer.problem(e.getMessage());
            return;
        }
        List<Message> oldestFirst = new ArrayList<>(found.messages());
        Collections.reverse(oldestFirst);
        printer.note(found.messages().isEmpty() ? "no message holds " + q
                : found.messages().size() + " " + (found.messages().size() == 1 ? "match" : "matches") + " for " + q
                + (found.hasMore() ? " (the latest ones; more words narrow it)" : ""));
        oldestFirst.forEach(printer::show);
    }

    private void upload(String line) {
        String arg = line.substring("/upload".length()).strip();
        if (arg.isEmpty() || rooms.isEmpty()) {
            printer.problem(rooms.isEmpty() ? "no current room" : "usage: /upload <path>");
            return;
        }
        Path file = Path.of(arg);
        String type;
        try {
            type = Files.probeContentType(file);
        } catch (IOException e) {
            type = null;
        }
        SharedFile shared = client.upload(rooms.peek(), file, type != null ? type : "application/octet-stream");
        printer.note("uploaded " + shared.file().name() + " (" + Printer.size(shared.file().size()) + "), id "
                + shared.file().id());
    }

    private void download(String[] words) {
        if (words.length < 2) {
            printer.problem("usage: /download <fileId> [path]");
            return;
        }
        Path target = Path.of(words.length > 2 ? words[2] : ".");
        FileInfo f = client.download(words[1], target);
        Path saved = Files.isDirectory(target) ? target.resolve(f.name()) : target;
        printer.note("saved " + saved + " (" + Printer.size(f.size()) + ")");
    }
}
