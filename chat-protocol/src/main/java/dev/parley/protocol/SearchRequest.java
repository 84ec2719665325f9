package dev.parley.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A search of the messages a user may read: {@code GET /api/search?q=&room=&before=&limit=}.
 * Messages match when their current text holds, for every word of {@code q}, a word that starts
 * with it (case-insensitive), newest first. Checked when built, with the contract's BAD_REQUEST.
 *
 * @param q      the words, 1..{@value #MAX_QUERY_LENGTH} characters with at least one letter or digit
 * @param room   only this room (which the caller must be able to read), or every room the caller reads
 * @param before only messages with an id below this one (the cursor of the next page: the id of the
 *               last message of the previous one)
 * @param limit  how many, 1..{@value #MAX_LIMIT}
 */
public record SearchRequest(String q, Optional<String> room, OptionalLong before, int limit) {
    /** The default number of results. */
    public static final int DEFAULT_LIMIT = 20;
    /** The most results one request may ask for. */
    public static final int MAX_LIMIT = 100;
    /**
     * The longest query, in UTF-16 characters: a search box holds a few words, and each word costs
     * the index a lookup, so a query the length of a message is refused rather than run.
     */
    public static final int MAX_QUERY_LENGTH = 256;

    public SearchRequest {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(before, "before");
        if (q == null || q.isBlank()) {
            throw ChatException.badRequest("q must hold at least one word");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw ChatException.badRequest("q must be at most " + MAX_QUERY_LENGTH + " characters, got " + q.length());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ChatException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (before.isPresent() && before.getAsLong() < 1) {
            throw ChatException.badRequest("before must be a message id (>= 1), got " + before.getAsLong());
        }
    }

    /** The newest {@value #DEFAULT_LIMIT} matches of {@code q} in every room the caller reads. */
    public static SearchRequest of(String q) {
        return new SearchRequest(q, Optional.empty(), OptionalLong.empty(), DEFAULT_LIMIT);
    }

    /** The same search within one room. */
    public SearchRequest inRoom(String roomId) {
        return new SearchRequest(q, Optional.of(roomId), before, limit);
    }

    /** The same search, among messages older than the one with this id. */
    public SearchRequest before(long messageId) {
        return new SearchRequest(q, room, OptionalLong.of(messageId), limit);
    }

    /** The same search, with at most {@code n} results. */
    public SearchRequest limit(int n) {
        return new SearchRequest(q, room, before, n);
    }
}
