package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;

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
}
