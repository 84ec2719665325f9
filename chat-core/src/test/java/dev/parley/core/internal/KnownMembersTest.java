package dev.parley.core.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownMembersTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final KnownMembers members = new KnownMembers(now::get);
    private final AtomicBoolean stored = new AtomicBoolean(true);
    private final AtomicInteger lookUps = new AtomicInteger();

    private boolean ask() {
        return members.isMember("hall", "alice", () -> {
            lookUps.incrementAndGet();
            return stored.get();
        });
    }

    @Test
    void aYesIsKeptForItsTimeToLiveThenAskedAgain() {
        assertTrue(ask());
        assertTrue(ask());
        assertEquals(1, lookUps.get(), "the second answer came from memory");
        now.addAndGet(KnownMembers.TTL_NANOS);
        stored.set(false);
        assertFalse(ask(), "past its time to live, the store answers again");
        assertEquals(2, lookUps.get());
    }

    @Test
    void aNoIsNeverKept() {
        stored.set(false);
        assertFalse(ask());
        stored.set(true);
        assertTrue(ask(), "a join right after a refusal is seen at once");
        assertEquals(2, lookUps.get());
    }

    @Test
    void aRemovalIsSeenAtOnce() {
        assertTrue(ask());
        stored.set(false);
        members.removed("hall", "alice");
        assertFalse(ask());
        assertTrue(members.isMember("lobby", "alice", () -> true), "other rooms are not affected");
    }

    @Test
    void forgetAllDropsEveryAnswer() {
        assertTrue(ask());
        stored.set(false);
        members.forgetAll();
        assertFalse(ask());
    }

    /** The store says "member", then the user is removed before the answer is kept: it must not be kept. */
    @Test
    void anAnswerReadBeforeARemovalIsNotKept() {
        assertTrue(members.isMember("hall", "alice", () -> {
            lookUps.incrementAndGet();
            members.removed("hall", "alice"); // the removal lands while the store is being read
            return true;
        }));
        stored.set(false);
        assertFalse(ask(), "the racing answer was dropped, so the store is asked again");
        assertEquals(2, lookUps.get());
    }
}
