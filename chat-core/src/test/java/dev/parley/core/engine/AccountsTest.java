package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.User;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration, login, tokens, logout and container principals. */
@Timeout(60)
class AccountsTest {
    private static final String PASSWORD = "correct-horse";

    private final MutableClock clock = new MutableClock();
    private final Chat chat = TestChats.chat(TestChats.config().tokenTtl(Duration.ofHours(1)), clock);

    @AfterEach
    void tearDown() {
        chat.close();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ab", "abcdefghijklmnopqrstuvwxyz0123456", "has space", "slash/name", "colon:name",
            "emoji\uD83D\uDE00", "\u00fcmlaut", "semi;colon"})
    void registerRefusesInvalidUsernames(String name) {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.register(name, PASSWORD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "abcdefghijklmnopqrstuvwxyz012345", "A.b_c-9", "..."})
    void registerAcceptsUsernamesAtTheEdgesOfThePattern(String name) {
        User u = chat.register(name, PASSWORD);
        assertEquals(name, u.username());
        assertEquals(MutableClock.START, u.createdAt());
        assertFalse(u.id().isBlank());
    }

    @Test
    void registerRefusesPasswordShorterThanEight() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.register("alice", "1234567"));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.register("alice", null));
        assertEquals("alice", chat.register("alice", "12345678").username(), "eight characters are enough");
    }

    @Test
    void registerRefusesTakenNameInAnyCase() {
        User first = chat.register("Alice", PASSWORD);
        assertRefused(ErrorCode.CONFLICT, () -> chat.register("Alice", PASSWORD));
        assertRefused(ErrorCode.CONFLICT, () -> chat.register("alice", "other-password"));
        assertRefused(ErrorCode.CONFLICT, () -> chat.register("ALICE", PASSWORD));
        assertEquals(first, chat.login("alice", PASSWORD).user(), "the first registration stands");
    }

    @Test
    void loginRefusesWrongPasswordAndUnknownUserAlike() {
        chat.register("alice", PASSWORD);
        ChatException wrong = assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.login("alice", "wrong-password"));
        ChatException unknown = assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.login("nobody", PASSWORD));
        assertEquals(wrong.getMessage(), unknown.getMessage(), "the answer does not tell which names exist");
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.login(null, null));
    }

    @Test
    void loginAcceptsTheUsernameInAnyCaseAndReturnsItAsRegistered() {
        User alice = chat.register("Alice", PASSWORD);
        LoginResult r = chat.login("aLICE", PASSWORD);
        assertEquals(alice, r.user());
        assertEquals(alice, chat.authenticate(r.token()));
    }

    @Test
    void loginIsRateLimitedAfterTenFailuresEvenWithTheRightPassword() {
        chat.register("alice", PASSWORD);
        for (int i = 0; i < 10; i++) {
            assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.login("alice", "wrong-password"));
        }
        assertRefused(ErrorCode.RATE_LIMITED, () -> chat.login("alice", PASSWORD));
        assertRefused(ErrorCode.RATE_LIMITED, () -> chat.login("ALICE", PASSWORD));
    }

    @Test
    void failedLoginsOfOneUserDoNotLimitAnother() {
        chat.register("alice", PASSWORD);
        chat.register("bob", PASSWORD);
        for (int i = 0; i < 10; i++) {
            assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.login("alice", "wrong-password"));
        }
        assertEquals("bob", chat.login("bob", PASSWORD).user().username());
    }

    @Test
    void loginIsAllowedAgainAfterTheRefill() {
        chat.register("alice", PASSWORD);
        for (int i = 0; i < 10; i++) {
            assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.login("alice", "wrong-password"));
        }
        clock.advance(Duration.ofSeconds(29));
        assertRefused(ErrorCode.RATE_LIMITED, () -> chat.login("alice", PASSWORD));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("alice", chat.login("alice", PASSWORD).user().username());
        assertEquals("alice", chat.login("alice", PASSWORD).user().username(), "a success costs nothing");
    }

    @Test
    void tokenFromLoginAuthenticatesItsUserUntilItExpires() {
        User alice = chat.register("alice", PASSWORD);
        LoginResult r = chat.login("alice", PASSWORD);
        assertEquals(MutableClock.START.plus(Duration.ofHours(1)), r.expiresAt(), "the configured ttl");
        assertEquals(alice, chat.authenticate(r.token()));
        clock.advance(Duration.ofHours(1).minusMillis(1));
        assertEquals(alice, chat.authenticate(r.token()));
        clock.advance(Duration.ofMillis(1));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(r.token()));
    }

    @Test
    void expiredTokenCannotOpenALiveSession() {
        User alice = chat.register("alice", PASSWORD);
        String token = chat.login("alice", PASSWORD).token();
        clock.advance(Duration.ofHours(2));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.connect(alice, Optional.of(token), new RecordingConnection()));
    }

    @Test
    void tamperedTokenIsRefused() {
        chat.register("alice", PASSWORD);
        chat.register("mallory", PASSWORD);
        String token = chat.login("mallory", PASSWORD).token();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, "a JWS in compact form");
        Base64.Decoder dec = Base64.getUrlDecoder();
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String claims = new String(dec.decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"mallory\""), claims);
        String forged = parts[0] + "." + enc.encodeToString(claims.replace("\"mallory\"", "\"alice\"")
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(forged));

        char[] sig = parts[2].toCharArray();
        sig[sig.length / 2] = sig[sig.length / 2] == 'A' ? 'B' : 'A';
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(parts[0] + "." + parts[1] + "." + new String(sig)));

        String none = enc.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(none + "." + parts[1] + "."));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate("not-a-token"));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(""));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(null));
    }

    @Test
    void tokenOfAnotherEngineIsRefused() {
        chat.register("alice", PASSWORD);
        try (Chat other = TestChats.chat(TestChats.config(), clock)) {
            other.register("alice", PASSWORD);
            String foreign = other.login("alice", PASSWORD).token();
            assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(foreign));
        }
    }

    @Test
    void logoutRefusesTheTokenFromThenOnButNotTheUsersOtherTokens() {
        User alice = chat.register("alice", PASSWORD);
        String first = chat.login("alice", PASSWORD).token();
        String second = chat.login("alice", PASSWORD).token();
        assertNotEquals(first, second);
        chat.logout(first);
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(first));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.logout(first));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.connect(alice, Optional.of(first), new RecordingConnection()));
        assertEquals(alice, chat.authenticate(second));
    }

    @Test
    void logoutClosesSessionsOpenedWithThatTokenWith1008() throws Exception {
        User alice = chat.register("alice", PASSWORD);
        String first = chat.login("alice", PASSWORD).token();
        String second = chat.login("alice", PASSWORD).token();
        TestClient withFirst = TestClient.connect(chat, alice, Optional.of(first));
        TestClient withSecond = TestClient.connect(chat, alice, Optional.of(second));
        TestClient principal = TestClient.connect(chat, alice);

        chat.logout(first);

        assertTrue(withFirst.connection.awaitClose(TestClient.WAIT), "the session of the revoked token is closed");
        assertEquals(1008, withFirst.connection.closeCode());
        withSecond.sync();
        principal.sync();
        assertEquals(0, withSecond.connection.closeCode(), "a session with another token stays open");
        assertEquals(0, principal.connection.closeCode(), "a session without a token stays open");
    }

    @Test
    void logoutClosesASessionStillBeingOpened() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try (Chat paused = Chat.builder().config(TestChats.config().build()).clock(clock).executor(single).build()) {
            User alice = paused.register("alice", PASSWORD);
            String token = paused.login("alice", PASSWORD).token();
            // Hold the engine's executor so that the session is registered only after the logout.
            CountDownLatch hold = new CountDownLatch(1);
            single.submit(() -> hold.await(30, TimeUnit.SECONDS));
            RecordingConnection c = new RecordingConnection();
            paused.connect(alice, Optional.of(token), c);
            paused.logout(token);
            hold.countDown();
            assertTrue(c.awaitClose(TestClient.WAIT), "the session opened with the revoked token is closed");
            assertEquals(1008, c.closeCode());
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void principalCreatesTheUserOnceAndReturnsTheSameAfter() {
        User first = chat.principal("Carol");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(first, chat.principal("Carol"));
        assertEquals(first, chat.principal("carol"), "names compare without case");
        assertEquals(MutableClock.START, chat.user("carol").createdAt());
        assertRefused(ErrorCode.CONFLICT, () -> chat.register("carol", PASSWORD));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.login("carol", PASSWORD));
    }

    @Test
    void principalOfARegisteredUserIsThatUser() {
        User alice = chat.register("alice", PASSWORD);
        assertEquals(alice, chat.principal("alice"));
    }

    @Test
    void principalWithANameOutsideThePatternIsRefused() {
        // The container vouched for the name, so it is not the caller's bad request: the engine refuses it as FORBIDDEN.
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.principal("no spaces allowed"));
    }

    @Test
    void userProfileIsFoundWithoutCaseAndUnknownIsNotFound() {
        chat.register("Alice", PASSWORD);
        assertEquals("Alice", chat.user("alice").username());
        assertFalse(chat.user("ALICE").online());
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.user("nobody"));
    }

    @Test
    void tokensAndRevocationsSurviveANewEngineOverTheSameStores() {
        UserStore users = UserStore.inMemory();
        TokenStore tokens = TokenStore.inMemory();
        String kept;
        String revoked;
        User alice;
        try (Chat before = Chat.builder().config(TestChats.config().build()).clock(clock)
                .userStore(users).tokenStore(tokens).build()) {
            alice = before.register("alice", PASSWORD);
            kept = before.login("alice", PASSWORD).token();
            revoked = before.login("alice", PASSWORD).token();
            before.logout(revoked);
        }
        try (Chat after = Chat.builder().config(TestChats.config().build()).clock(clock)
                .userStore(users).tokenStore(tokens).build()) {
            assertEquals(alice, after.authenticate(kept));
            assertRefused(ErrorCode.UNAUTHORIZED, () -> after.authenticate(revoked));
            assertEquals(alice, after.login("alice", PASSWORD).user(), "the password hash survives too");
        }
        try (Chat fresh = Chat.builder().config(TestChats.config().build()).clock(clock).userStore(users).build()) {
            assertRefused(ErrorCode.UNAUTHORIZED, () -> fresh.authenticate(kept));
        }
    }
}
