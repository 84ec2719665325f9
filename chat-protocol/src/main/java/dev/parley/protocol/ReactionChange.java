package dev.parley.protocol;

import java.util.Objects;

/**
 * What a {@link MessageKind#REACTION} entry did.
 *
 * @param emoji  the reaction, 1..{@link InputRules#MAX_EMOJI} characters
 * @param active true when the author added it, false when they took it back
 */
public record ReactionChange(String emoji, boolean active) {
    public ReactionChange {
        Objects.requireNonNull(emoji, "emoji");
    }
}
