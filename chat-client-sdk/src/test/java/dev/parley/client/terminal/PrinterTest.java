package dev.parley.client.terminal;

import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.ReactionChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the terminal prints for messages and their changes, and the numbers commands name them by. */
class PrinterTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
    private final Output out = new Output();
    private final Output err = new Output();
    private final Printer printer = new Printer(out.stream, err.stream, "alice");

    private static Message chat(long id, long seq, String from, String text, OptionalLong replyTo, OptionalLong thread,
                                MessageState state) {
        return new Message(id, "general", seq, MessageKind.CHAT, from, text, T, Optional.empty(), Optional.empty(),
                replyTo, thread, OptionalLong.empty(), Optional.empty(), state);
    }

    private static Message chat(long id, long seq, String from, String text) {
        return chat(id, seq, from, text, OptionalLong.empty(), OptionalLong.empty(), MessageState.ORIGINAL);
    }

    private List<String> lines() {
        return out.text().lines().map(l -> l.replaceFirst("\\[\\d\\d:\\d\\d] ", "")).toList();
    }

    @Test
    void messagesAreNumberedAndShownAgainUnderTheirNumberWhenTheyChange() {
        Message hi = chat(100, 1, "bob", "hi");
        printer.onMessage(hi);
        printer.onMessage(chat(101, 2, "carol", "hello"));
        Message edited = new Message(100, "general", 1, MessageKind.CHAT, "bob", "hi all", T, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                new MessageState(Optional.of(T), false, List.of(new Reaction("👍", 2, true), new Reaction("🎉", 1, false)),
                        2, Optional.of(T)));
        Message reaction = new Message(105, "general", 5, MessageKind.REACTION, "carol", "", T, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(100),
                Optional.of(new ReactionChange("🎉", true)), MessageState.ORIGINAL);
        printer.onReaction(edited, reaction);
        Message deleted = chat(101, 2, "carol", "", OptionalLong.empty(), OptionalLong.empty(),
                new MessageState(Optional.empty(), true, List.of(), 0, Optional.empty()));
        printer.onDeleted(deleted, reaction);
        assertEquals(List.of(
                "[1] #general bob: hi",
                "[2] #general carol: hello",
                "[1] #general bob: hi all (edited)  👍 2  🎉 1  (2 replies)",
                "[2] #general carol: (message deleted)"), lines());
        assertEquals(100, printer.shown(1).orElseThrow().id());
        assertEquals("general", printer.shown(2).orElseThrow().room());
        assertTrue(printer.shown(3).isEmpty());
    }

    @Test
    void aQuotedReplyFollowsAQuoteLineAndAThreadReplyNamesItsRoot() {
        printer.onMessage(chat(100, 1, "bob", "lunch at noon?"));
        printer.onMessage(chat(101, 2, "carol", "yes", OptionalLong.of(100), OptionalLong.empty(), MessageState.ORIGINAL));
        printer.onMessage(chat(102, 3, "dave", "where?", OptionalLong.empty(), OptionalLong.of(100), MessageState.ORIGINAL));
        printer.onMessage(chat(103, 4, "erin", "no idea", OptionalLong.of(7), OptionalLong.of(8), MessageState.ORIGINAL));
        assertEquals(List.of(
                "[1] #general bob: lunch at noon?",
                "    > [1] bob: lunch at noon?",
                "[2] #general carol: yes",
                "[3] #general (thread [1]) dave: where?",
                "    > (an earlier message)",
                "[4] #general (thread) erin: no idea"), lines());
        assertEquals(OptionalLong.of(100), printer.shown(3).orElseThrow().thread());
    }

    @Test
    void historyPagesSkipLifecycleEntriesAndShowFilesAndDirectMessages() {
        Message edit = new Message(110, "general", 9, MessageKind.EDIT, "bob", "x", T, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(100), Optional.empty(),
                MessageState.ORIGINAL);
        printer.show(edit);
        printer.show(new Message(111, "general", 10, MessageKind.FILE_SHARED, "bob", "notes.txt", T, Optional.empty(),
                Optional.of(new FileInfo("f1", "notes.txt", 9, "text/plain"))));
        printer.show(new Message(112, "dm.alice.bob", 1, MessageKind.PRIVATE, "alice", "psst", T, Optional.empty(),
                Optional.empty()));
        printer.show(new Message(113, "general", 11, MessageKind.USER_JOINED, "carol", "", T, Optional.empty(),
                Optional.empty()));
        assertEquals(List.of(
                "[1] #general bob shared notes.txt (9 B, text/plain) - /download f1",
                "[2] (pm to bob) alice: psst",
                "* carol joined #general"), lines());
    }

    @Test
    void continuationLinesOfAMultiLineMessageAreIndentedUnderItsText() {
        printer.onMessage(chat(100, 1, "bob", "first line\nsecond line\r\n\nafter a blank line"));
        printer.onMessage(chat(101, 2, "carol", "quoting", OptionalLong.of(100), OptionalLong.empty(), MessageState.ORIGINAL));
        List<String> raw = out.text().lines().toList();
        int column = raw.get(0).indexOf("first line");
        assertTrue(raw.get(0).matches("\\[1] \\[\\d\\d:\\d\\d] #general bob: first line"), raw.get(0));
        assertEquals(" ".repeat(column) + "second line", raw.get(1));
        assertEquals("", raw.get(2), "a blank line stays blank, without trailing spaces");
        assertEquals(" ".repeat(column) + "after a blank line", raw.get(3));
        assertEquals("    > [1] bob: first line second line after a blank line", raw.get(4), "a quote is one line");
        assertEquals(5 + 1, raw.size());
        assertEquals("* hi" + System.lineSeparator() + "  there", Printer.indented("* ", "hi\nthere"));
    }

    private static Message mentioning(long id, long seq, String from, String text, String... mentions) {
        return new Message(id, "general", seq, MessageKind.CHAT, from, text, T, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), MessageState.ORIGINAL,
                List.of(mentions));
    }

    @Test
    void aMessageMentioningTheUserStartsWithAMarkerWithoutColour() {
        printer.onMessage(mentioning(100, 1, "bob", "ping @Alice, and\n@carol too", "alice", "carol"));
        printer.onMessage(mentioning(101, 2, "bob", "only @carol", "carol"));
        printer.onMessage(mentioning(102, 3, "alice", "I said @alice", "alice"));
        List<String> raw = out.text().lines().toList();
        assertTrue(raw.get(0).matches(">> \\[1] \\[\\d\\d:\\d\\d] #general bob: ping @Alice, and"), raw.get(0));
        assertEquals(" ".repeat(raw.get(0).indexOf("ping")) + "@carol too", raw.get(1), "continuation lines stay under the text");
        assertTrue(raw.get(2).startsWith("[2] "), "another user's mention: " + raw.get(2));
        assertTrue(raw.get(3).startsWith("[3] "), "one's own mention of oneself: " + raw.get(3));
        assertTrue(out.text().indexOf('\u001b') < 0, "no escape codes without colour");
    }

    @Test
    void withColourTheMentionOfTheUserIsBoldYellowAndNothingElse() {
        Output coloured = new Output();
        Printer p = new Printer(coloured.stream, err.stream, "alice", true);
        p.onMessage(mentioning(100, 1, "bob", "hey @ALICE and @alice2 and mail alice@example.org", "alice"));
        String line = coloured.text().lines().findFirst().orElseThrow();
        assertTrue(line.endsWith("bob: hey \u001b[1;33m@ALICE\u001b[0m and @alice2 and mail alice@example.org"), line);
        assertTrue(line.startsWith("[1] "), "no marker with colour: " + line);
        p.onMention(new Message(200, "team", 4, MessageKind.CHAT, "bob", "@alice look", T, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), MessageState.ORIGINAL,
                List.of("alice")));
        assertEquals("* bob mentioned you in #team: \u001b[1;33m@alice\u001b[0m look", coloured.text().lines().toList().get(1));
    }

    @Test
    void everyEntryPrintedOrAppliedIsToldWithItsRoomAndSeq() {
        List<String> told = new java.util.ArrayList<>();
        printer.onPrinted((room, seq) -> told.add(room + " " + seq));
        printer.onMessage(chat(100, 1, "bob", "hi"));
        printer.show(new Message(110, "general", 2, MessageKind.EDIT, "bob", "hi!", T, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(100), Optional.empty(),
                MessageState.ORIGINAL));
        printer.onMention(mentioning(111, 7, "bob", "@alice elsewhere", "alice"));
        assertEquals(List.of("general 1", "general 2"), told, "a mention elsewhere is not a printed entry of a room");
        assertTrue(out.text().contains("* bob mentioned you in #general: @alice elsewhere"), out.text());
    }
}
