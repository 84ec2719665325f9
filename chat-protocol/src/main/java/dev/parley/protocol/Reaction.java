package dev.parley.protocol;

import java.util.Objects;

/**
 * One emoji of a message's current reactions, as a reader sees it.
 *
 * @param emoji the reaction
 * @param count how many users reacted with it (at least 1)
 * @param me    whether the reader is one of them
 */
public record Reaction(String emoji, int count, boolean me) {
    public Reaction {
        Objects.requireNonNull(emoji, "emoji");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
    }
}
