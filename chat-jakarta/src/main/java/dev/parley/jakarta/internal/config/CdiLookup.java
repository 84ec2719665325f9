package dev.parley.jakarta.internal.config;

import dev.parley.core.Chat;
import dev.parley.core.ChatMetrics;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A {@link Chat} (or {@link ChatMetrics}) the host produces with CDI, if CDI runs here and such a bean resolves. */
final class CdiLookup {
    private static final Logger LOG = Logger.getLogger(CdiLookup.class.getName());

    private CdiLookup() {
    }

    static Optional<Chat> chat() {
        return bean(Chat.class);
    }

    /** The host's {@link ChatMetrics} bean, for the engine Parley builds. */
    static Optional<ChatMetrics> metrics() {
        return bean(ChatMetrics.class);
    }

    private static <T> Optional<T> bean(Class<T> type) {
        try {
            Instance<T> instance = CDI.current().select(type);
            if (instance.isResolvable()) {
                return Optional.of(instance.get());
            }
        } catch (IllegalStateException | LinkageError e) {
            // no CDI container for this application (or no CDI at all): not an error
            LOG.log(Level.FINE, "no CDI lookup of a host " + type.getSimpleName(), e);
        }
        return Optional.empty();
    }
}
