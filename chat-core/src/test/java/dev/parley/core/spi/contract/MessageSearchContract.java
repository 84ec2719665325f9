package dev.parley.core.spi.contract;

import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.SearchQuery;
import dev.parley.core.spi.SearchWords;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.ReactionChange;
import dev.parley.protocol.SearchResults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search half of the {@link MessageStore} promise ({@link MessageStore#search}): every word of
 * the query matches a word of the message's current text or its beginning, case-insensitive; only
 * content messages of the rooms asked for; newest first with the {@code before} cursor and
 * {@code hasMore}; an edit re-indexes, a deletion and retention remove, each as soon as it returned.
 * {@link MessageStoreContract} runs it as a nested suite on a fresh store of its own.
 */
public abstract class MessageSearchContract {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");

    /** A new, empty store; called once before each test. */
    protected abstract MessageStore newStore();

    private MessageStore store;
    private final AtomicLong nextId = new AtomicLong(9000);
    private final LongSupplier ids = nextId::incrementAndGet;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private Message post(String room, String text) {
        return store.append(new NewMessage(room, MessageKind.CHAT, "alice", text, T0, Optional.empty(), Optional.empty()),
                ids).message();
    }

    private SearchResults search(String q, Set<String> rooms, OptionalLong before, int limit) {
        return store.search(new SearchQuery(q, SearchWords.of(q), rooms, before, limit));
    }

    private List<Long> ids(String q, String... rooms) {
        return search(q, Set.of(rooms), OptionalLong.empty(), 50).messages().stream().map(Message::id).toList();
    }

    private static List<Long> newestFirst(List<Long> ids) {
        List<Long> out = new ArrayList<>(ids);
        Collections.reverse(out);
        return out;
    }

    @Test
    void everyWordMatchesAWordOrItsBeginningWhateverTheCase() {
        Message both = post("lobby", "The Deployment of release 42 went fine");
        Message one = post("lobby", "deployment postponed");
        post("lobby", "nothing to see");
        assertEquals(List.of(one.id(), both.id()), ids("deploy", "lobby"));
        assertEquals(List.of(both.id()), ids("DEPLOY relea", "lobby"));
        assertEquals(List.of(both.id()), ids("42 fine", "lobby"));
        assertEquals(List.of(), ids("ployment", "lobby"), "a word's middle is not a match");
        assertEquals(List.of(), ids("deployment missing", "lobby"), "every word must match");
    }

    @Test
    void resultsAreTheMessagesInTheirCurrentStateNewestFirst() {
        Message older = post("lobby", "quarterly report draft");
        Message newer = post("lobby", "the report is final");
        SearchResults found = search("report", Set.of("lobby"), OptionalLong.empty(), 20);
        assertEquals(List.of(newer, older), found.messages());
        assertFalse(found.hasMore());
    }

    @Test
    void onlyTheRoomsAskedForAreSearched() {
        Message lobby = post("lobby", "secret plan");
        Message dm = post("dm.alice.bob", "secret gift");
        post("private-board", "secret salaries");
        assertEquals(List.of(dm.id(), lobby.id()), ids("secret", "lobby", "dm.alice.bob"));
        assertEquals(List.of(lobby.id()), ids("secret", "lobby"));
    }

    @Test
    void pagesWithLimitAndBeforeCursorUntilNoMore() {
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posted.add(post("lobby", "build " + i + " passed").id());
            post("lobby", "unrelated chatter " + i);
        }
        List<Long> seen = new ArrayList<>();
        OptionalLong before = OptionalLong.empty();
        boolean more = true;
        int pages = 0;
        while (more) {
            SearchResults page = search("build passed", Set.of("lobby"), before, 3);
            assertTrue(page.messages().size() <= 3);
            page.messages().forEach(m -> seen.add(m.id()));
            more = page.hasMore();
            before = OptionalLong.of(page.messages().get(page.messages().size() - 1).id());
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(newestFirst(posted), seen);
    }

    @Test
    void anEditReindexesTheMessage() {
        Message m = post("lobby", "meeting on monday");
        store.append(NewMessage.acting("lobby", MessageKind.EDIT, "alice", "meeting moved to tuesday", T0.plusSeconds(5),
                Optional.empty(), m.id(), Optional.empty()), ids);
        assertEquals(List.of(), ids("monday", "lobby"));
        SearchResults found = search("tuesday", Set.of("lobby"), OptionalLong.empty(), 20);
        assertEquals(List.of(m.id()), found.messages().stream().map(Message::id).toList());
        assertEquals("meeting moved to tuesday", found.messages().get(0).text());
        assertTrue(found.messages().get(0).state().editedAt().isPresent());
        assertEquals(List.of(m.id()), ids("meeting", "lobby"), "the EDIT entry is not a hit of its own");
    }

    @Test
    void aDeletedMessageIsNeverFound() {
        Message gone = post("lobby", "password is hunter2");
        Message kept = post("lobby", "password policy");
        store.append(NewMessage.acting("lobby", MessageKind.EDIT, "alice", "password is swordfish", T0.plusSeconds(1),
                Optional.empty(), gone.id(), Optional.empty()), ids);
        store.append(NewMessage.acting("lobby", MessageKind.DELETE, "alice", "", T0.plusSeconds(2),
                Optional.empty(), gone.id(), Optional.empty()), ids);
        assertEquals(List.of(kept.id()), ids("password", "lobby"));
        assertEquals(List.of(), ids("swordfish", "lobby"));
        assertEquals(List.of(), ids("hunter2", "lobby"));
    }

    @Test
    void retentionRemovesWhatItDeletes() {
        Message old = post("lobby", "ancient history");
        Message recent = post("lobby", "recent history");
        store.deleteUpTo("lobby", old.seq());
        assertEquals(List.of(recent.id()), ids("history", "lobby"));
    }

    @Test
    void onlyMessagesUsersWroteAreFoundAndFileNamesAreText() {
        store.append(new NewMessage("lobby", MessageKind.USER_JOINED, "carol", "carol joined", T0,
                Optional.empty(), Optional.empty()), ids);
        Message file = store.append(new NewMessage("lobby", MessageKind.FILE_SHARED, "carol", "carol-budget.pdf", T0,
                Optional.empty(), Optional.of(new FileInfo("f1", "carol-budget.pdf", 10, "application/pdf"))), ids).message();
        Message m = post("lobby", "thanks carol");
        store.append(NewMessage.acting("lobby", MessageKind.REACTION, "bob", "", T0.plusSeconds(1), Optional.empty(),
                m.id(), Optional.of(new ReactionChange("👍", true))), ids);
        assertEquals(List.of(m.id(), file.id()), ids("carol", "lobby"));
        assertEquals(List.of(file.id()), ids("budget", "lobby"));
    }

    @Test
    void findsTheFewMatchesAmongManyMessages() {
        List<Long> needles = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String room = i % 2 == 0 ? "lobby" : "ops";
            if (i % 150 == 7) {
                needles.add(post(room, "the zebra escaped at step " + i).id());
            } else {
                post(room, "routine message number " + i + " about horses");
            }
        }
        assertEquals(newestFirst(needles), ids("zebra", "lobby", "ops"));
        SearchResults two = search("routine horses", Set.of("ops"), OptionalLong.empty(), 2);
        assertEquals(2, two.messages().size());
        assertTrue(two.hasMore());
        assertTrue(two.messages().stream().allMatch(x -> x.room().equals("ops")));
    }
}
