package dev.parley.core.internal;

import dev.parley.core.ChatConfig;
import dev.parley.core.ClientSession;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.Connection;
import dev.parley.protocol.CloseCodes;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ServerFrame;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The lifecycle of live sessions on this node: opened (registered, welcomed, announced online when
 * it is the user's first in the cluster), closed (announced offline with the user's last), and all
 * closed at shutdown. Presence changes, from here or found by the presence store, are
 * {@link BusEvent.PresenceChanged} events applied through {@link Effects}. Thread-safe.
 */
final class Sessions {
    private static final System.Logger LOG = System.getLogger(Sessions.class.getName());
    private static final int GOING_AWAY = 1001;

    private final ChatConfig config;
    private final Accounts accounts;
    private final Delivery delivery;
    private final Messaging messaging;
    private final Lifecycle lifecycle;
    private final ReadState readState;
    private final Effects effects;
    private final Executor executor;
    private final Clock clock;
    /** Set before the sessions are closed at shutdown; a session opened afterwards closes at once. */
    private volatile boolean closed;
    /** Every session not yet closed, registered or not (registration runs later, on the executor). */
    private final Set<LiveSession> live = ConcurrentHashMap.newKeySet();

    Sessions(ChatConfig config, Accounts accounts, Delivery delivery, Messaging messaging, Lifecycle lifecycle,
             ReadState readState, Effects effects, Executor executor, Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.delivery = delivery;
        this.messaging = messaging;
        this.lifecycle = lifecycle;
        this.readState = readState;
        this.effects = effects;
        this.executor = executor;
        this.clock = clock;
    }

    ClientSession connect(User user, Optional<String> token, Connection connection) {
        Optional<String> tokenId = token.map(accounts::tokenId);
        LiveSession session = new LiveSession(this, messaging, lifecycle, delivery, readState, user, tokenId, connection, executor,
                config.outboundQueueLimit(), config.maxFrameBytes());
        // Added before the closed check, which closeAll() sets before it closes this set's sessions:
        // a session opened concurrently with closeAll() is closed by one side or the other.
        live.add(session);
        if (closed) {
            session.close(GOING_AWAY, "server shutting down");
            return session;
        }
        // Registration reads the rooms store: do it on the session's own executor, before any frame it receives.
        // The welcome goes out only once the session is registered, so that a client holding its welcome
        // receives every message posted after it (a direct message, an announcement).
        session.runInOrder(() -> {
            if (session.isClosed()) {
                return;
            }
            boolean first;
            try {
                first = delivery.sessionOpened(session);
                if (token.isPresent() && accounts.isRevoked(token.get())) {
                    // A logout or password change between connect() and the registration above did not see this session.
                    session.close(CloseCodes.POLICY_VIOLATION, "logged out");
                    return;
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "opening a session of " + user.username() + " failed", e);
                session.close(CloseCodes.SERVER_ERROR, "server error");
                return;
            }
            session.welcome(new ServerFrame.Welcome(user, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            if (first) {
                presenceChanged(user.username(), true);
            }
            if (session.isClosed()) {
                sessionClosed(session);
            }
        });
        return session;
    }

    /** A session closed (by its client, the adapter or the engine). */
    void sessionClosed(LiveSession session) {
        live.remove(session);
        try {
            executor.execute(() -> {
                if (delivery.sessionRemoved(session)) {
                    presenceChanged(session.user().username(), false);
                }
            });
        } catch (RejectedExecutionException e) {
            // The engine has shut down: no presence is left to update, and the caller (an adapter's
            // close callback, a connect after close) must not see an exception.
        }
    }

    /** A user came online or went offline in the whole cluster: told here and to the other nodes. */
    void presenceChanged(String username, boolean online) {
        effects.local(new BusEvent.PresenceChanged(effects.origin(), username, online));
    }

    /** A token was revoked (logout): its sessions close, here and on the other nodes. */
    void tokenRevoked(String tokenId) {
        effects.local(new BusEvent.TokenRevoked(effects.origin(), tokenId));
    }

    /**
     * The user's password changed: every session of theirs closes with 1008 but those opened with
     * {@code keptTokenId}, here and on the other nodes.
     */
    void tokensRevoked(String username, Optional<String> keptTokenId) {
        effects.local(new BusEvent.TokensRevoked(effects.origin(), username, keptTokenId));
    }

    /** Shutdown: every session closes with 1001, and so does any opened from now on. */
    void closeAll() {
        closed = true;
        for (LiveSession s : List.copyOf(live)) {
            s.close(GOING_AWAY, "server shutting down");
        }
    }
}
