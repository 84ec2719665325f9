package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.SearchRequest;
import dev.parley.protocol.SearchResults;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Chat#search}: which rooms a user's search looks into, the refusals, and what a hit carries. */
@Timeout(60)
class SearchTest {
    private final Chat chat = TestChats.chat(TestChats.config(), new MutableClock());
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private List<Long> hits(User who, String q) {
        return chat.search(who, SearchRequest.of(q)).messages().stream().map(Message::id).toList();
    }

    @Test
    void aUserWhoLeftAPrivateRoomNoLongerFindsItsMessages() {
        chat.createRoom(alice, "board", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        Message secret = chat.send(alice, "board", "merger with initech", Optional.empty());
        assertEquals(List.of(secret.id()), hits(bob, "initech"));
        chat.leave(bob, "board");
        assertEquals(List.of(), hits(bob, "initech"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.search(bob, SearchRequest.of("initech").inRoom("board")));
        assertEquals(List.of(), hits(carol, "initech"), "never a member");
        assertEquals(List.of(secret.id()), hits(alice, "initech"));
    }

    @Test
    void directRoomsAreSearchedByTheirTwoMembersOnly() {
        Message dm = chat.sendDirect(alice, "bob", "the surprise party is friday", Optional.empty());
        assertEquals(List.of(dm.id()), hits(alice, "surprise"));
        assertEquals(List.of(dm.id()), hits(bob, "surprise"));
        assertEquals(List.of(), hits(carol, "surprise"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.search(carol, SearchRequest.of("surprise").inRoom(dm.room())));
    }

    @Test
    void aPublicRoomIsSearchedByItsMembers() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        Message m = chat.send(alice, "lobby", "lunch at noon", Optional.empty());
        assertEquals(List.of(), hits(bob, "lunch"), "reading a room's history needs membership, so does searching it");
        chat.join(bob, "lobby");
        assertEquals(List.of(m.id()), hits(bob, "lunch"));
        assertEquals(List.of(m.id()), chat.search(bob, SearchRequest.of("lunch").inRoom("lobby")).messages()
                .stream().map(Message::id).toList());
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.search(bob, SearchRequest.of("lunch").inRoom("nowhere")));
    }

    @Test
    void hitsAreInTheirCurrentStateWithTheReadersReactions() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of("bob"));
        Message m = chat.send(alice, "lobby", "first draft", Optional.empty());
        chat.edit(alice, "lobby", m.id(), "final version", Optional.empty());
        chat.react(bob, "lobby", m.id(), "🎉", Optional.empty());
        assertEquals(List.of(), hits(bob, "draft"));
        SearchResults found = chat.search(bob, SearchRequest.of("final"));
        Message hit = found.messages().get(0);
        assertEquals("final version", hit.text());
        assertTrue(hit.state().editedAt().isPresent());
        assertEquals("🎉", hit.state().reactions().get(0).emoji());
        assertTrue(hit.state().reactions().get(0).me());
        chat.delete(alice, "lobby", m.id(), Optional.empty());
        assertEquals(List.of(), hits(bob, "final"));
    }

    @Test
    void badQueriesAreRefused() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> SearchRequest.of(""));
        assertRefused(ErrorCode.BAD_REQUEST, () -> SearchRequest.of("   "));
        assertRefused(ErrorCode.BAD_REQUEST, () -> SearchRequest.of("a".repeat(10_000)));
        assertRefused(ErrorCode.BAD_REQUEST, () -> SearchRequest.of("x").limit(0));
        assertRefused(ErrorCode.BAD_REQUEST, () -> SearchRequest.of("x").limit(101));
        assertRefused(ErrorCode.BAD_REQUEST, () -> SearchRequest.of("x").before(0));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.search(alice, SearchRequest.of("?! ...")));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.search(alice, SearchRequest.of("a b c d e f g h i j k l m n o p q")));
    }

    @Test
    void searchesWhileManyPostFindEveryAcknowledgedMessage() throws Exception {
        chat.createRoom(alice, "busy", Optional.empty(), Visibility.PUBLIC, List.of("bob", "carol"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Long>> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                User who = i % 3 == 0 ? alice : i % 3 == 1 ? bob : carol;
                int n = i;
                sent.add(pool.submit(() -> chat.send(who, "busy", "needle " + n, Optional.empty()).id()));
                Callable<Integer> reader = () -> chat.search(carol, SearchRequest.of("needle").limit(100)).messages().size();
                pool.submit(reader);
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> f : sent) {
                ids.add(f.get(30, TimeUnit.SECONDS));
            }
            int found = 0;
            SearchRequest page = SearchRequest.of("needle").limit(100);
            while (true) {
                SearchResults r = chat.search(carol, page);
                found += r.messages().size();
                if (!r.hasMore()) {
                    break;
                }
                page = page.before(r.messages().get(r.messages().size() - 1).id());
            }
            assertEquals(ids.size(), found);
        } finally {
            pool.shutdownNow();
        }
    }
}
