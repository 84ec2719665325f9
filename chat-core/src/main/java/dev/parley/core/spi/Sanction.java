package dev.parley.core.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A ban or a mute of one user in one room, as a {@link SanctionStore} keeps it. A sanction whose
 * {@code until} has passed has lapsed: the engine treats it as absent, whether or not the store
 * still holds it.
 *
 * @param kind     ban or mute
 * @param room     the room id
 * @param username the user, as registered
 * @param by       who imposed it
 * @param until    when it lapses by itself; absent: until lifted
 * @param reason   why, if given
 */
public record Sanction(Kind kind, String room, String username, String by, Optional<Instant> until,
                       Optional<String> reason) {

    /** What a sanction does. */
    public enum Kind {
        /** Removed from the room; may not join or be added. */
        BAN,
        /** Still reads the room; may not send, upload, edit or react. */
        MUTE
    }

    public Sanction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether it is still in force at {@code now}. */
    public boolean inForce(Instant now) {
        return until.isEmpty() || until.get().isAfter(now);
    }
}
