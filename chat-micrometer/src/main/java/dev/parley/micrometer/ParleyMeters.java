package dev.parley.micrometer;

import dev.parley.core.ChatMetrics;
import dev.parley.protocol.MessageKind;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one Parley engine in a Micrometer {@link MeterRegistry}, fed by the engine as its
 * {@link ChatMetrics}:
 *
 * <pre>{@code
 * MeterRegistry registry = ...;                         // the host's, or new PrometheusMeterRegistry(...)
 * Chat chat = Chat.builder().metrics(ParleyMeters.on(registry)).build();
 * }</pre>
 *
 * <table>
 * <caption>The meters (Prometheus names in brackets)</caption>
 * <tr><td>{@code parley.connections} gauge [{@code parley_connections}]</td><td>live WebSocket sessions</td></tr>
 * <tr><td>{@code parley.subscriptions} gauge</td><td>their room subscriptions, implicit ones included</td></tr>
 * <tr><td>{@code parley.messages.stored} counter, tag {@code kind} [{@code parley_messages_stored_total}]</td>
 *     <td>room log entries this node stored, by kind ({@code CHAT}, {@code EDIT}, ...)</td></tr>
 * <tr><td>{@code parley.store.latency} timer, tags {@code op} ({@code append}, {@code page}) and
 *     {@code outcome} [{@code parley_store_latency_seconds}]</td><td>store calls: an append until it
 *     is durable (what a sender waits before its ack), a replay's page read</td></tr>
 * <tr><td>{@code parley.deliveries} counter</td><td>entries handed to live subscribers (one per recipient)</td></tr>
 * <tr><td>{@code parley.slow.consumers.dropped} counter</td><td>connections closed with 1013 (outbound queue full)</td></tr>
 * <tr><td>{@code parley.replays} summary, base unit {@code entries}</td><td>replays of {@code subscribe ... since}
 *     and the entries each sent (count, sum, max)</td></tr>
 * <tr><td>{@code parley.rate.limited} counter, tag {@code limit} ({@code send}, {@code login})</td><td>refusals with RATE_LIMITED</td></tr>
 * <tr><td>{@code parley.bus.lag} timer</td><td>on a cluster, from an entry's creation on another node to its arrival here</td></tr>
 * <tr><td>{@code parley.http.requests} counter, tag {@code status} ({@code 1xx} .. {@code 5xx})</td><td>HTTP answers of the adapter</td></tr>
 * </table>
 *
 * <p>One instance per engine. Two engines on one registry would share the counters and keep the
 * first one's gauges: give each its own registry, or tell them apart with the registry's common
 * tags. The gauges hold the engine weakly, as Micrometer's gauges do.
 *
 * <p>Thread-safe; every call is a lock-free update of a meter registered up front (a rate limit of
 * a name not listed above is registered on its first refusal).
 */
public final class ParleyMeters implements ChatMetrics {
    private final MeterRegistry registry;
    private final Map<MessageKind, Counter> stored = new EnumMap<>(MessageKind.class);
    private final Timer appendLatency;
    private final Timer appendFailures;
    private final Timer pageLatency;
    private final Counter deliveries;
    private final Counter slowConsumers;
    private final DistributionSummary replays;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final Timer busLag;
    private final Counter[] httpByClass = new Counter[6];

    private ParleyMeters(MeterRegistry registry) {
        this.registry = registry;
        for (MessageKind kind : MessageKind.values()) {
            stored.put(kind, Counter.builder("parley.messages.stored")
                    .description("Room log entries stored by this node")
                    .tag("kind", kind.name())
                    .register(registry));
        }
        appendLatency = storeTimer("append", "success");
        appendFailures = storeTimer("append", "failure");
        pageLatency = storeTimer("page", "success");
        deliveries = Counter.builder("parley.deliveries")
                .description("Stored entries handed to live subscribers, one per recipient")
                .register(registry);
        slowConsumers = Counter.builder("parley.slow.consumers.dropped")
                .description("Connections closed with 1013 because their outbound queue was full")
                .register(registry);
        replays = DistributionSummary.builder("parley.replays")
                .description("Replays of subscribe-since and the entries each sent")
                .baseUnit("entries")
                .register(registry);
        rateLimit("send");
        rateLimit("login");
        busLag = Timer.builder("parley.bus.lag")
                .description("From an entry's creation on another node of the cluster to its arrival here")
                .register(registry);
        for (int c = 1; c <= 5; c++) {
            httpByClass[c] = Counter.builder("parley.http.requests")
                    .description("HTTP requests answered, by status class")
                    .tag("status", c + "xx")
                    .register(registry);
        }
    }

    /** The meters of one engine, registered in {@code registry} now (gauges once the engine is built). */
    public static ParleyMeters on(MeterRegistry registry) {
        return new ParleyMeters(Objects.requireNonNull(registry, "registry"));
    }

    /** The registry the meters are in. */
    public MeterRegistry registry() {
        return registry;
    }

    private Timer storeTimer(String op, String outcome) {
        return Timer.builder("parley.store.latency")
                .description("Store calls: an append until it is durable, a replay's page read")
                .tag("op", op)
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter rateLimit(String limit) {
        return refusals.computeIfAbsent(limit, l -> Counter.builder("parley.rate.limited")
                .description("Calls refused with RATE_LIMITED")
                .tag("limit", l)
                .register(registry));
    }

    @Override
    public void bind(Gauges gauges) {
        Gauge.builder("parley.connections", gauges, Gauges::connections)
                .description("Live WebSocket sessions on this node")
                .register(registry);
        Gauge.builder("parley.subscriptions", gauges, Gauges::subscriptions)
                .description("Room subscriptions of the live sessions, implicit ones included")
                .register(registry);
    }

    @Override
    public void stored(MessageKind kind, long nanos) {
        stored.get(kind).increment();
        appendLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void storeFailed(long nanos) {
        appendFailures.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void pageRead(long nanos) {
        pageLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void delivered(int recipients) {
        if (recipients > 0) {
            deliveries.increment(recipients);
        }
    }

    @Override
    public void slowConsumerDropped() {
        slowConsumers.increment();
    }

    @Override
    public void replayed(int messages) {
        replays.record(messages);
    }

    @Override
    public void rateLimited(String limit) {
        rateLimit(limit).increment();
    }

    /** A negative lag (the other node's clock ahead of this one's) is recorded as zero. */
    @Override
    public void busLag(Duration lag) {
        busLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public void httpResponse(int status) {
        int statusClass = status / 100;
        if (statusClass >= 1 && statusClass <= 5) {
            httpByClass[statusClass].increment();
        }
    }
}
