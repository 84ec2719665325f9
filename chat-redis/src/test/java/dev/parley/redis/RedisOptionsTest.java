package dev.parley.redis;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pins option validation and the failure to connect, neither of which needs a Redis. */
class RedisOptionsTest {

    private static String refused(RedisOptions.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void defaultsAreTenSecondTtlParleyPrefixAndTwoSecondTimeout() {
        RedisOptions o = RedisOptions.builder("redis://127.0.0.1:6379").build();
        assertEquals(Duration.ofSeconds(10), o.presenceTtl());
        assertEquals("parley", o.keyPrefix());
        assertEquals(Duration.ofSeconds(2), o.commandTimeout());
        assertEquals("node", o.nodeName());
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        assertTrue(refused(RedisOptions.builder("http://127.0.0.1:6379")).startsWith("uri must start with redis://"));
        assertTrue(refused(RedisOptions.builder("redis://")).startsWith("uri "));
        assertTrue(refused(RedisOptions.builder("redis://h:1").nodeName("a b")).startsWith("nodeName "));
        assertTrue(refused(RedisOptions.builder("redis://h:1").presenceTtl(Duration.ofMillis(10))).startsWith("presenceTtl "));
        assertTrue(refused(RedisOptions.builder("redis://h:1").keyPrefix("")).startsWith("keyPrefix "));
        assertTrue(refused(RedisOptions.builder("redis://h:1").commandTimeout(Duration.ZERO)).startsWith("commandTimeout "));
    }

    @Test
    void aPasswordIsMaskedInMessages() {
        assertEquals("redis://user:***@h:6379/0", RedisOptions.builder("redis://user:secret@h:6379/0").build().safeUri());
        assertEquals("redis://:***@h:6379", RedisOptions.builder("redis://:secret@h:6379").build().safeUri());
    }

    @Test
    void connectingToNothingFailsAtOnceNamingTheServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String uri = "redis://:secret@127.0.0.1:" + port;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ParleyRedis.connect(RedisOptions.builder(uri).commandTimeout(Duration.ofMillis(500)).build()));
        assertTrue(e.getMessage().startsWith("cannot connect to Redis at redis://:***@127.0.0.1:" + port), e.getMessage());
    }
}
