package dev.parley.client.it;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.SearchRequest;
import dev.parley.protocol.SearchResults;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ChatClient#search} against a real server: paging, one room, and the refusals. */
class SearchIT {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void searchPagesNewestFirstWithinOneRoomOrAllAndRefusesWhatItShould() throws Exception {
        String room = TestServer.name("searchable");
        String word = TestServer.name("okapi").replace("-", "");
        try (ChatClient a = server.user(TestServer.name("ann"), new Recorder());
             ChatClient b = server.user(TestServer.name("ben"), new Recorder())) {
            a.login();
            b.login();
            a.createRoom(room, Visibility.PRIVATE);
            a.connect().get(10, TimeUnit.SECONDS);
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(a.send(room, "sighting " + i + " of an " + word).get(10, TimeUnit.SECONDS).id().getAsLong());
            }
            SearchResults first = a.search(SearchRequest.of(word + " sight").limit(3));
            assertEquals(List.of(sent.get(4), sent.get(3), sent.get(2)), first.messages().stream().map(Message::id).toList());
            assertTrue(first.hasMore());
            SearchResults rest = a.search(SearchRequest.of(word).inRoom(room).before(sent.get(2)));
            assertEquals(List.of(sent.get(1), sent.get(0)), rest.messages().stream().map(Message::id).toList());
            assertFalse(rest.hasMore());
            assertEquals(room, rest.messages().get(0).room());

            assertTrue(b.search(SearchRequest.of(word)).messages().isEmpty(), "ben is not in the private room");
            ChatClientException forbidden = assertThrows(ChatClientException.class,
                    () -> b.search(SearchRequest.of(word).inRoom(room)));
            assertEquals(ErrorCode.FORBIDDEN, forbidden.code());
            assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ChatClientException.class,
                    () -> a.search(SearchRequest.of("!!! ???"))).code());
            assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ChatException.class,
                    () -> SearchRequest.of("x".repeat(10_000))).code());
        }
    }
}
