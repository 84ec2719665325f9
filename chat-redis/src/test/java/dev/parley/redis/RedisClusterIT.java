package dev.parley.redis;

import dev.parley.core.engine.ClusterContract;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Runs the {@link ClusterContract} on three engines joined through one Redis, each with its own
 * {@link ParleyRedis}: 5,000 messages from ten senders spread over the nodes, presence with a 2 s TTL.
 */
class RedisClusterIT extends ClusterContract {
    private static final Duration TTL = Duration.ofSeconds(2);

    private final Map<Wiring, ParleyRedis> connections = new IdentityHashMap<>();
    private String uri;
    private String prefix;

    @Override
    protected Wiring wire(String nodeName) {
        if (uri == null) {
            uri = RedisTests.uri();
            prefix = RedisTests.freshPrefix();
        }
        ParleyRedis redis = ParleyRedis.connect(RedisTests.options(uri, prefix, nodeName, TTL));
        Wiring w = new Wiring(redis.bus(), redis.presence());
        connections.put(w, redis);
        return w;
    }

    @Override
    protected Duration deathNoticeBound() {
        return TTL;
    }

    @Override
    protected int messageCount() {
        return 5000;
    }

    @Override
    protected void release(Wiring wiring) {
        connections.remove(wiring).close();
        if (connections.isEmpty()) {
            RedisTests.deleteKeys(uri, prefix);
        }
    }
}
