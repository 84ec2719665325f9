package dev.parley.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** What the Redis tests share: the server from the environment, key isolation, and waiting for a condition. */
final class RedisTests {
    static final String ENV = "PARLEY_TEST_REDIS_URL";

    private RedisTests() {
    }

    /** The Redis to test against; skips the test, saying how to run it, when none is configured. */
    static String uri() {
        String uri = System.getenv(ENV);
        Assumptions.assumeTrue(uri != null && !uri.isBlank(),
                "set " + ENV + "=redis://127.0.0.1:6379 to run the Redis tests");
        return uri;
    }

    /** A key prefix no other test uses, so that tests sharing one Redis never see each other's keys. */
    static String freshPrefix() {
        return "parley-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Options for a node of a test cluster with a short TTL. */
    static RedisOptions options(String uri, String prefix, String node, Duration ttl) {
        return RedisOptions.builder(uri).nodeName(node).keyPrefix(prefix).presenceTtl(ttl).build();
    }

    /** Deletes every key under the prefix. */
    static void deleteKeys(String uri, String prefix) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = c.sync().keys(prefix + ":*");
            if (!keys.isEmpty()) {
                c.sync().del(keys.toArray(new String[0]));
            }
        } finally {
            client.shutdown();
        }
    }

    /**
     * Waits until the condition holds, checking every 20 ms, and fails naming {@code what} at the
     * deadline. For states that announce themselves by no event (a health status, a connection).
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " did not happen within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
