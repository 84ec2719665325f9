package dev.parley.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A search as the engine hands it to {@link MessageStore#search}: already checked, and already
 * narrowed to the rooms the caller may read (the store filters by {@code rooms} and need know
 * nothing of users or permissions).
 *
 * @param text  the query as the user typed it, for a store whose engine analyses text itself
 * @param words the query's words by {@link SearchWords}, at least one
 * @param rooms the rooms to search, at least one
 * @param before only messages with an id below this
 * @param limit how many to return at most (the store also says whether more follow)
 */
public record SearchQuery(String text, List<String> words, Set<String> rooms, OptionalLong before, int limit) {
    public SearchQuery {
        Objects.requireNonNull(text, "text");
        words = List.copyOf(words);
        rooms = Set.copyOf(rooms);
        Objects.requireNonNull(before, "before");
        if (words.isEmpty() || rooms.isEmpty() || limit < 1) {
            throw new IllegalArgumentException("a search needs a word, a room and a limit >= 1");
        }
    }

    /** Whether a message id lies below the {@code before} cursor (or there is none). */
    public boolean admits(long id) {
        return before.isEmpty() || id < before.getAsLong();
    }
}
