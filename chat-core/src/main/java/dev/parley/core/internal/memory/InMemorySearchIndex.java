package dev.parley.core.internal.memory;

import dev.parley.core.spi.SearchQuery;
import dev.parley.core.spi.SearchWords;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The in-memory store's inverted index: each word ({@link SearchWords}) to the ids of the messages
 * holding it, in a sorted map so that a prefix is a range of it. Not thread-safe: the store calls
 * it under its write lock, in the same step that changes a message, so the index always agrees
 * with the messages.
 *
 * <p>A search takes the candidates of the query's rarest prefix, newest first, and keeps those
 * whose words match every other prefix, until it has one more than the limit: its cost grows with
 * the matches of one prefix, not with the messages stored.
 */
final class InMemorySearchIndex {
    /** Word to the ids of the messages that hold it. */
    private final TreeMap<String, TreeSet<Long>> postings = new TreeMap<>();
    /** Message id to its words and room, to remove or re-index it. */
    private final Map<Long, Indexed> byId = new HashMap<>();

    private record Indexed(String room, List<String> words) {
    }

    /** A hit: the message's id and room. */
    record Hit(long id, String room) {
    }

    /** Indexes the message's text, replacing what the index held for it. */
    void put(long id, String room, String text) {
        remove(id);
        List<String> words = SearchWords.of(text);
        if (words.isEmpty()) {
            return;
        }
        byId.put(id, new Indexed(room, words));
        for (String w : words) {
            postings.computeIfAbsent(w, k -> new TreeSet<>()).add(id);
        }
    }

    /** Forgets the message. */
    void remove(long id) {
        Indexed old = byId.remove(id);
        if (old == null) {
            return;
        }
        for (String w : old.words()) {
            TreeSet<Long> ids = postings.get(w);
            ids.remove(id);
            if (ids.isEmpty()) {
                postings.remove(w);
            }
        }
    }

    /** Up to {@code limit + 1} hits, newest first: one more than asked tells the caller more follow. */
    List<Hit> search(SearchQuery query) {
        List<NavigableMap<String, TreeSet<Long>>> prefixes = new ArrayList<>();
        for (String w : query.words()) {
            NavigableMap<String, TreeSet<Long>> range = postings.subMap(w, true, w + Character.MAX_VALUE, false);
            if (range.isEmpty()) {
                return List.of();
            }
            prefixes.add(range);
        }
        prefixes.sort((a, b) -> Integer.compare(size(a), size(b)));
        TreeSet<Long> candidates = new TreeSet<>();
        prefixes.get(0).values().forEach(candidates::addAll);
        NavigableSet<Long> range = query.before().isPresent()
                ? candidates.headSet(query.before().getAsLong(), false) : candidates;
        List<Hit> hits = new ArrayList<>();
        for (long id : range.descendingSet()) {
            Indexed m = byId.get(id);
            if (query.rooms().contains(m.room()) && matchesAll(m.words(), query.words())) {
                hits.add(new Hit(id, m.room()));
                if (hits.size() > query.limit()) {
                    break;
                }
            }
        }
        return hits;
    }

    private static int size(NavigableMap<String, TreeSet<Long>> range) {
        int n = 0;
        for (TreeSet<Long> ids : range.values()) {
            n += ids.size();
        }
        return n;
    }

    private static boolean matchesAll(List<String> words, List<String> prefixes) {
        for (String p : prefixes) {
            if (words.stream().noneMatch(w -> w.startsWith(p))) {
                return false;
            }
        }
        return true;
    }
}
