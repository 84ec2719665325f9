package dev.parley.core.internal;

import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.SearchQuery;
import dev.parley.core.spi.SearchWords;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Message;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.Room;
import dev.parley.protocol.SearchRequest;
import dev.parley.protocol.SearchResults;
import dev.parley.protocol.User;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Search, and the one place that decides which rooms a search may look into: the rooms the caller
 * is a member of now (a room they left, or another pair's direct room, is never searched), or the
 * one room asked for, with the same refusal as its history (NOT_FOUND, FORBIDDEN). The store's
 * index is handed those rooms and the query's words; what it returns is checked once more against
 * them (a store's index may lag its rows for a moment after a crash: see chat-jakarta's Lucene
 * index), and joined with the reader's reactions. Thread-safe; holds no state.
 */
final class Searching {
    private final RoomStore rooms;
    private final MessageStore messages;
    private final RoomRules roomRules;

    Searching(RoomStore rooms, MessageStore messages, RoomRules roomRules) {
        this.rooms = rooms;
        this.messages = messages;
        this.roomRules = roomRules;
    }

    SearchResults search(User caller, SearchRequest request) {
        List<String> words = SearchWords.of(request.q());
        if (words.isEmpty()) {
            throw ChatException.badRequest("q must hold at least one word (letters or digits)");
        }
        if (words.size() > SearchWords.MAX_QUERY_WORDS) {
            throw ChatException.badRequest("q may hold at most " + SearchWords.MAX_QUERY_WORDS + " words, got " + words.size());
        }
        Set<String> readable = new HashSet<>();
        if (request.room().isPresent()) {
            readable.add(roomRules.memberRoom(caller, request.room().get()).id());
        } else {
            for (Room r : rooms.roomsOf(caller.username())) {
                readable.add(r.id());
            }
        }
        if (readable.isEmpty()) {
            return new SearchResults(List.of(), false);
        }
        SearchQuery query = new SearchQuery(request.q(), words, readable, request.before(), request.limit());
        SearchResults found = messages.search(query);
        List<Message> kept = new ArrayList<>(found.messages().size());
        for (Message m : found.messages()) {
            if (readable.contains(m.room()) && m.kind().isContent() && !m.state().deleted() && query.admits(m.id())) {
                kept.add(m);
            }
        }
        return new SearchResults(withReactions(kept, caller.username()), found.hasMore());
    }

    /** The messages with the reader's reactions, read with one store call per room. */
    private List<Message> withReactions(List<Message> found, String reader) {
        Map<String, List<Long>> byRoom = new LinkedHashMap<>();
        for (Message m : found) {
            byRoom.computeIfAbsent(m.room(), r -> new ArrayList<>()).add(m.id());
        }
        Map<String, Map<Long, List<Reaction>>> reactions = new LinkedHashMap<>();
        byRoom.forEach((room, ids) -> reactions.put(room, messages.reactions(room, ids, reader)));
        List<Message> out = new ArrayList<>(found.size());
        for (Message m : found) {
            List<Reaction> r = reactions.get(m.room()).get(m.id());
            out.add(r == null ? m : m.withState(m.state().withReactions(r)));
        }
        return out;
    }
}
