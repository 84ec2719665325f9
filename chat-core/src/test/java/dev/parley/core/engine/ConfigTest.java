package dev.parley.core.engine;

import dev.parley.core.ChatConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@link ChatConfig}: the contract's defaults, and a precise refusal of every bad value. */
class ConfigTest {

    @Test
    void defaultsAreTheContractsLimits() {
        ChatConfig c = ChatConfig.defaults();
        assertEquals(4000, c.maxTextLength());
        assertEquals(10L * 1024 * 1024, c.maxUploadBytes());
        assertEquals(OptionalInt.empty(), c.retention(), "unlimited retention");
        assertEquals(64 * 1024, c.maxFrameBytes());
        assertEquals(Duration.ofSeconds(30), c.maxEventsWait());
        assertEquals(10, c.loginFailureBurst());
        assertEquals(Set.of(), c.admins());
        assertTrue(c.tokenTtl().compareTo(Duration.ZERO) > 0);
    }

    @Test
    void adminsAreComparedWithoutCase() {
        ChatConfig c = ChatConfig.builder().admin("Root").admins(Set.of("Root", "OPS")).build();
        assertTrue(c.isAdmin("root"));
        assertTrue(c.isAdmin("ops"));
        assertTrue(c.isAdmin("ROOT"));
        assertFalse(c.isAdmin("alice"));
    }

    @Test
    void toBuilderRoundTrips() {
        ChatConfig c = ChatConfig.builder().maxTextLength(10).maxUploadBytes(99).retention(7)
                .tokenTtl(Duration.ofMinutes(3)).admin("root").sendRate(2.5, 9).loginFailureLimit(4, Duration.ofSeconds(5))
                .outboundQueueLimit(17).maxFrameBytes(2048).maxEventsWait(Duration.ofSeconds(4)).nodeId(31)
                .passwordHashCost(4).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(OptionalInt.empty(), c.toBuilder().unlimitedRetention().build().retention());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("maxTextLength", b -> b.maxTextLength(0)),
                bad("maxUploadBytes", b -> b.maxUploadBytes(0)),
                bad("maxUploadBytes", b -> b.maxUploadBytes(-1)),
                bad("retention", b -> b.retention(0)),
                bad("tokenTtl", b -> b.tokenTtl(Duration.ZERO)),
                bad("tokenTtl", b -> b.tokenTtl(Duration.ofSeconds(-1))),
                bad("sendsPerSecond", b -> b.sendRate(0, 10)),
                bad("sendsPerSecond", b -> b.sendRate(Double.NaN, 10)),
                bad("sendsPerSecond", b -> b.sendRate(Double.POSITIVE_INFINITY, 10)),
                bad("sendBurst", b -> b.sendRate(1, 0)),
                bad("loginFailureBurst", b -> b.loginFailureLimit(0, Duration.ofSeconds(30))),
                bad("loginFailureRefill", b -> b.loginFailureLimit(10, Duration.ZERO)),
                bad("outboundQueueLimit", b -> b.outboundQueueLimit(0)),
                bad("maxFrameBytes", b -> b.maxFrameBytes(1023)),
                bad("maxEventsWait", b -> b.maxEventsWait(Duration.ofMillis(-1))),
                bad("maxEventsWait", b -> b.maxEventsWait(Duration.ofMinutes(5).plusMillis(1))),
                bad("nodeId", b -> b.nodeId(-1)),
                bad("nodeId", b -> b.nodeId(32)),
                bad("passwordHashCost", b -> b.passwordHashCost(3)),
                bad("passwordHashCost", b -> b.passwordHashCost(32)));
    }

    private static Arguments bad(String name, UnaryOperator<ChatConfig.Builder> change) {
        return arguments(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void buildRefusesABadValueNamingIt(String name, UnaryOperator<ChatConfig.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(ChatConfig.builder()).build());
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
    }

    @Test
    void missingValuesAreRefusedNamingThem() {
        assertTrue(assertThrows(NullPointerException.class, () -> ChatConfig.builder().tokenTtl(null).build())
                .getMessage().contains("tokenTtl"));
        assertTrue(assertThrows(NullPointerException.class, () -> ChatConfig.builder().maxEventsWait(null).build())
                .getMessage().contains("maxEventsWait"));
        assertTrue(assertThrows(NullPointerException.class, () -> ChatConfig.builder().admin(null))
                .getMessage().contains("username"));
    }

    @Test
    void valuesAtTheEdgesAreAccepted() {
        ChatConfig c = ChatConfig.builder().maxTextLength(1).maxUploadBytes(1).retention(1).sendRate(0.001, 1)
                .loginFailureLimit(1, Duration.ofMillis(1)).outboundQueueLimit(1).maxFrameBytes(1024)
                .maxEventsWait(Duration.ZERO).nodeId(0).passwordHashCost(4).build();
        assertEquals(OptionalInt.of(1), c.retention());
        assertEquals(Duration.ofMinutes(5), ChatConfig.builder().maxEventsWait(Duration.ofMinutes(5)).build().maxEventsWait());
    }
}
