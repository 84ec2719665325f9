package dev.parley.core.internal;

import dev.parley.core.ChatConfig;
import dev.parley.core.ChatMetrics;
import dev.parley.core.spi.BlockStore;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.PresenceStore;
import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.SanctionStore;
import dev.parley.core.spi.Scheduler;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * What {@link ChatEngine} is built from: its settings, every store, the cluster seams and the runtime,
 * as {@code Chat.Builder} chose them (its defaults filled in). A new store is a new component here
 * rather than another constructor argument.
 *
 * @param executor  the engine's worker pool; null: the engine makes (and closes) its own
 * @param scheduler the delayed tasks' scheduler; null: the engine makes (and closes) its own
 */
public record EngineParts(ChatConfig config, UserStore users, RoomStore rooms, MessageStore messages,
                          FileStore files, TokenStore tokens, ReadMarkerStore readMarkers, BlockStore blocks,
                          SanctionStore sanctions, ClusterBus bus, PresenceStore presence, ChatMetrics metrics,
                          Clock clock, ExecutorService executor, Scheduler scheduler) {
    public EngineParts {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(rooms, "rooms");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(readMarkers, "readMarkers");
        Objects.requireNonNull(blocks, "blocks");
        Objects.requireNonNull(sanctions, "sanctions");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
    }
}
