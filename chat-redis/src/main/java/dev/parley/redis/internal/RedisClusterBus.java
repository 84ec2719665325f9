package dev.parley.redis.internal;

import dev.parley.core.spi.Listeners;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link ClusterBus} on one Redis pub/sub channel, through Lettuce: one connection subscribes, another
 * publishes. Events are JSON ({@link BusEventCodec}); every node, the publisher included, receives
 * each event, and the engine ignores its own.
 *
 * <p>Threads: Lettuce's I/O thread only hands received events to this bus's own dispatch thread,
 * which calls the listeners one event at a time in the order Redis delivered them (so in the order
 * each node published), and may block briefly without stalling Redis I/O.
 *
 * <p>Outages: Lettuce reconnects by itself and subscribes again. Once the subscription is back the
 * {@link #onReconnect} actions run on the dispatch thread: pub/sub keeps nothing for an absent
 * subscriber, so the engine re-reads from its store what it may have missed. Events this node could
 * not publish meanwhile (all but typing, which is stale by then) are kept, up to
 * {@value #RETAIN_LIMIT}, and published again once Redis answers, so that the other nodes learn of
 * a logout or a membership change even if their own connection never dropped. Commands are
 * refused, not queued, while disconnected, so publishing never blocks or piles up in memory.
 */
public final class RedisClusterBus implements ClusterBus {
    private static final System.Logger LOG = System.getLogger(RedisClusterBus.class.getName());
    static final int RETAIN_LIMIT = 10_000;
    private static final long REPUBLISH_DELAY_MILLIS = 200;

    private final RedisClient client;
    private final String channel;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final ScheduledExecutorService dispatch;
    private final Listeners<Consumer<BusEvent>> listeners = new Listeners<>();
    private final List<Runnable> reconnectActions = new CopyOnWriteArrayList<>();
    private final RedisConnectionStateListener stateListener;
    /** Events that could not be published, oldest first. Guarded by itself. */
    private final ArrayDeque<BusEvent> unpublished = new ArrayDeque<>();
    private volatile boolean subscribed;
    /** How often the subscription became active. Dispatch thread only. */
    private int activations;
    private volatile String problem;
    private volatile boolean closed;

    /**
     * Connects and subscribes.
     *
     * @throws io.lettuce.core.RedisException if Redis cannot be reached now
     */
    public RedisClusterBus(RedisClient client, RedisURI uri, String channel, String nodeName) {
        this.client = client;
        this.channel = Objects.requireNonNull(channel, "channel");
        ScheduledThreadPoolExecutor d = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "parley-redis-bus-" + nodeName);
            t.setDaemon(true);
            return t;
        });
        d.setRemoveOnCancelPolicy(true);
        this.dispatch = d;
        this.publisher = client.connect(uri);
        try {
            this.subscriber = client.connectPubSub(uri);
        } catch (RuntimeException e) {
            publisher.close();
            dispatch.shutdownNow();
            throw e;
        }
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String text) {
                if (channel.equals(ch)) {
                    runOnDispatch(() -> deliver(text));
                }
            }

            @Override
            public void subscribed(String ch, long count) {
                if (channel.equals(ch)) {
                    runOnDispatch(RedisClusterBus.this::subscriptionActive);
                }
            }
        });
        this.stateListener = new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == subscriber) {
                    subscribed = false;
                    if (!closed) {
                        problem = "connection to Redis lost, reconnecting";
                        LOG.log(System.Logger.Level.WARNING, "bus: " + problem);
                    }
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == publisher) {
                    // The connection may not take commands for a moment yet: retry a little later.
                    runOnDispatch(() -> dispatch.schedule(RedisClusterBus.this::republish, REPUBLISH_DELAY_MILLIS,
                            TimeUnit.MILLISECONDS));
                }
            }

            @Override
            public void onRedisExceptionCaught(RedisChannelHandler<?, ?> connection, Throwable cause) {
                if (connection == subscriber || connection == publisher) {
                    problem = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                }
            }
        };
        client.addListener(stateListener);
        try {
            subscriber.sync().subscribe(channel);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        subscribed = true;
    }

    private void runOnDispatch(Runnable task) {
        try {
            dispatch.execute(task);
        } catch (RejectedExecutionException closing) {
            // Closed: nothing is delivered any more.
        }
    }

    /** On the dispatch thread: the subscription is (again) in place. */
    private void subscriptionActive() {
        subscribed = true;
        problem = null;
        if (activations++ == 0) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "bus: subscribed again to {0}; catching up from the store", channel);
        for (Runnable action : reconnectActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a bus reconnect action failed", e);
            }
        }
        republish();
    }

    /** On the dispatch thread. */
    private void deliver(String text) {
        BusEvent event;
        try {
            event = BusEventCodec.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "bus: ignoring an unreadable event on " + channel + ": " + e.getMessage());
            return;
        }
        listeners.forEach(l -> l.accept(event),
                () -> event.getClass().getSimpleName() + " from " + event.origin());
    }

    @Override
    public void publish(BusEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            return;
        }
        String text = BusEventCodec.encode(event);
        try {
            publisher.async().publish(channel, text).whenComplete((receivers, error) -> {
                if (error != null) {
                    retain(event);
                }
            });
        } catch (RuntimeException e) {
            retain(event);
        }
    }

    private void retain(BusEvent event) {
        if (closed || event instanceof BusEvent.Typing) {
            return;
        }
        synchronized (unpublished) {
            if (unpublished.size() == RETAIN_LIMIT) {
                BusEvent dropped = unpublished.pollFirst();
                LOG.log(System.Logger.Level.WARNING, "bus: more than " + RETAIN_LIMIT
                        + " events unpublished, dropping the oldest (" + dropped.getClass().getSimpleName() + ")");
            }
            unpublished.addLast(event);
        }
    }

    /** Publishes again what could not be published; what fails again stays for the next try. */
    private void republish() {
        List<BusEvent> batch;
        synchronized (unpublished) {
            batch = new ArrayList<>(unpublished);
            unpublished.clear();
        }
        if (!batch.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "bus: publishing {0} events held during the outage", batch.size());
            batch.forEach(this::publish);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<BusEvent> listener) {
        return listeners.add(listener);
    }

    @Override
    public AutoCloseable onReconnect(Runnable action) {
        Objects.requireNonNull(action, "action");
        Runnable entry = action::run;
        reconnectActions.add(entry);
        return () -> reconnectActions.remove(entry);
    }

    @Override
    public String status() {
        if (closed) {
            return "down: closed";
        }
        if (subscribed && subscriber.isOpen() && publisher.isOpen()) {
            return "UP";
        }
        String p = problem;
        return "down: " + (p != null ? p : "not connected to Redis");
    }

    /** Unsubscribes and closes both connections; events still unpublished are dropped. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.removeListener(stateListener);
        dispatch.shutdownNow();
        subscriber.close();
        publisher.close();
    }
}
