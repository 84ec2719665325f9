package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import org.junit.jupiter.api.function.Executable;

import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Engines for tests: cheap password hashing and rate limits that a test's load never hits. */
final class TestChats {
    private TestChats() {
    }

    static ChatConfig.Builder config() {
        return ChatConfig.builder().passwordHashCost(4).sendRate(1_000_000, 1_000_000);
    }

    static Chat chat() {
        return Chat.builder().config(config().build()).build();
    }

    static Chat chat(ChatConfig.Builder config, Clock clock) {
        return Chat.builder().config(config.build()).clock(clock).build();
    }

    /** An engine whose clock and delayed tasks move only when the test advances {@code time}. */
    static Chat chat(ChatConfig.Builder config, FakeScheduler time) {
        return Chat.builder().config(config.build()).clock(time.clock()).scheduler(time).build();
    }

    /** Asserts that {@code call} is refused with {@code code} and a message fit for a user. */
    static ChatException assertRefused(ErrorCode code, Executable call) {
        return assertRefused(code, call, "");
    }

    /** As {@link #assertRefused(ErrorCode, Executable)}, saying why in a failure. */
    static ChatException assertRefused(ErrorCode code, Executable call, String why) {
        ChatException e = assertThrows(ChatException.class, call, why);
        assertEquals(code, e.code(), () -> why + ": refused with " + e.code() + ": " + e.getMessage());
        assertFalse(e.getMessage().isBlank(), "a refusal explains itself");
        return e;
    }
}
