package dev.parley.core.internal.memory;

import dev.parley.core.spi.BlockStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Internal {@link BlockStore} kept in memory, lost at exit. Thread-safe: each blocker's blocks are a
 * concurrent map from the folded name of the blocked user to the name as given, so a block, an
 * unblock and a check are each one atomic map operation.
 */
public final class InMemoryBlockStore implements BlockStore {

    private final ConcurrentMap<String, ConcurrentMap<String, String>> byBlocker = new ConcurrentHashMap<>();

    @Override
    public boolean block(String blocker, String blocked) {
        Objects.requireNonNull(blocked, "blocked");
        return byBlocker.computeIfAbsent(fold(blocker), k -> new ConcurrentHashMap<>())
                .putIfAbsent(fold(blocked), blocked) == null;
    }

    @Override
    public boolean unblock(String blocker, String blocked) {
        Map<String, String> blocks = byBlocker.get(fold(blocker));
        return blocks != null && blocks.remove(fold(blocked)) != null;
    }

    @Override
    public boolean isBlocked(String blocker, String blocked) {
        Map<String, String> blocks = byBlocker.get(fold(blocker));
        return blocks != null && blocks.containsKey(fold(blocked));
    }

    @Override
    public List<String> blockedBy(String blocker) {
        Map<String, String> blocks = byBlocker.get(fold(blocker));
        List<String> out = blocks == null ? new ArrayList<>() : new ArrayList<>(blocks.values());
        out.sort(Comparator.comparing(InMemoryBlockStore::fold));
        return out;
    }

    private static String fold(String username) {
        return Objects.requireNonNull(username, "username").toLowerCase(Locale.ROOT);
    }
}
