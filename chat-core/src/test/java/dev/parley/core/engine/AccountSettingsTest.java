package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Member;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Display names and password changes: what a user changes about their own account. */
@Timeout(60)
class AccountSettingsTest {
    private static final String PASSWORD = "correct-horse";
    private static final String NEW_PASSWORD = "battery-staple";

    private final MutableClock clock = new MutableClock();
    private final Chat chat = TestChats.chat(TestChats.config().tokenTtl(Duration.ofHours(1)), clock);

    @AfterEach
    void tearDown() {
        chat.close();
    }

    @Test
    void aDisplayNameIsStrippedAndShownWhereverTheUserIs() {
        User alice = chat.register("alice", PASSWORD);
        User named = chat.setDisplayName(alice, Optional.of("  Alice Liddell \t"));
        assertEquals(Optional.of("Alice Liddell"), named.displayName());
        assertEquals(alice.id(), named.id());
        String token = chat.login("alice", PASSWORD).token();
        assertEquals(named, chat.login("alice", PASSWORD).user(), "login returns it");
        assertEquals(named, chat.authenticate(token), "the caller (GET /api/me) carries it");
        assertEquals(Optional.of("Alice Liddell"), chat.user("ALICE").displayName());
        chat.join(alice, Chat.GENERAL_ROOM);
        Member member = chat.members(alice, Chat.GENERAL_ROOM).stream()
                .filter(m -> m.username().equals("alice")).findFirst().orElseThrow();
        assertEquals(Optional.of("Alice Liddell"), member.displayName(), "the members list carries it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void anEmptyOrBlankDisplayNameClearsIt(String blank) {
        User alice = chat.register("alice", PASSWORD);
        chat.setDisplayName(alice, Optional.of("Alice"));
        assertEquals(Optional.empty(), chat.setDisplayName(alice, Optional.of(blank)).displayName());
        assertEquals(Optional.empty(), chat.user("alice").displayName());
    }

    @Test
    void anAbsentDisplayNameClearsIt() {
        User alice = chat.register("alice", PASSWORD);
        chat.setDisplayName(alice, Optional.of("Alice"));
        assertEquals(Optional.empty(), chat.setDisplayName(alice, Optional.empty()).displayName());
    }

    @Test
    void displayNamesAreCountedInCharactersUpToSixtyFour() {
        User alice = chat.register("alice", PASSWORD);
        String emoji64 = "\uD83D\uDE00".repeat(InputRules.MAX_DISPLAY_NAME);
        assertEquals(Optional.of(emoji64), chat.setDisplayName(alice, Optional.of(emoji64)).displayName(),
                "64 emoji are 128 UTF-16 units but 64 characters");
        assertEquals(Optional.of("\u00c5sa \uD83D\uDC69\u200D\uD83D\uDCBB"),
                chat.setDisplayName(alice, Optional.of("\u00c5sa \uD83D\uDC69\u200D\uD83D\uDCBB")).displayName(),
                "an emoji joined with ZWJ is fine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "bell\u0007", "del\u007f", "rtl\u202eevil", "lone\uD83D", "sep\u2028x"})
    void aDisplayNameWithAControlCharacterIsRefusedAndChangesNothing(String bad) {
        User alice = chat.register("alice", PASSWORD);
        chat.setDisplayName(alice, Optional.of("Alice"));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.setDisplayName(alice, Optional.of(bad)));
        assertEquals(Optional.of("Alice"), chat.user("alice").displayName());
    }

    @Test
    void aDisplayNameOfSixtyFiveCharactersIsRefusedAndChangesNothing() {
        User alice = chat.register("alice", PASSWORD);
        chat.setDisplayName(alice, Optional.of("Alice"));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.setDisplayName(alice, Optional.of("x".repeat(65))));
        assertEquals(Optional.of("Alice"), chat.user("alice").displayName());
        assertEquals("x".repeat(64), chat.setDisplayName(alice, Optional.of("x".repeat(64))).displayName().orElseThrow());
    }

    @Test
    void aPasswordChangeRevokesEveryOtherTokenButKeepsTheCallers() {
        User alice = chat.register("alice", PASSWORD);
        String kept = chat.login("alice", PASSWORD).token();
        String other = chat.login("alice", PASSWORD).token();
        chat.changePassword(alice, Optional.of(kept), PASSWORD, NEW_PASSWORD);

        assertEquals("alice", chat.authenticate(kept).username(), "the caller's token stays valid");
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(other));
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.login("alice", PASSWORD), "the old password is gone");
        String fresh = chat.login("alice", NEW_PASSWORD).token();
        assertEquals("alice", chat.authenticate(fresh).username(), "a token issued afterwards holds");
    }

    @Test
    void aSecondPasswordChangeFromAnotherTokenRevokesTheTokenTheFirstOneKept() {
        User alice = chat.register("alice", PASSWORD);
        String first = chat.login("alice", PASSWORD).token();
        chat.changePassword(alice, Optional.of(first), PASSWORD, NEW_PASSWORD);
        String second = chat.login("alice", NEW_PASSWORD).token();
        chat.changePassword(alice, Optional.of(second), NEW_PASSWORD, "third-password");
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(first));
        assertEquals("alice", chat.authenticate(second).username());
    }

    @Test
    void aPasswordChangeWithoutATokenRevokesEveryToken() {
        User alice = chat.register("alice", PASSWORD);
        String token = chat.login("alice", PASSWORD).token();
        chat.changePassword(alice, Optional.empty(), PASSWORD, NEW_PASSWORD);
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.authenticate(token));
    }

    @Test
    void aWrongCurrentPasswordIsForbiddenAndChangesNothing() {
        User alice = chat.register("alice", PASSWORD);
        String token = chat.login("alice", PASSWORD).token();
        String other = chat.login("alice", PASSWORD).token();
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.changePassword(alice, Optional.of(token), "wrong-password", NEW_PASSWORD));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.changePassword(alice, Optional.of(token), null, NEW_PASSWORD));
        assertEquals("alice", chat.authenticate(other).username(), "no token was revoked");
        assertEquals("alice", chat.login("alice", PASSWORD).user().username(), "the password stands");
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.login("alice", NEW_PASSWORD));
    }

    @Test
    void aNewPasswordUnderEightCharactersIsABadRequestAndChangesNothing() {
        User alice = chat.register("alice", PASSWORD);
        String other = chat.login("alice", PASSWORD).token();
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.changePassword(alice, Optional.empty(), PASSWORD, "1234567"));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.changePassword(alice, Optional.empty(), PASSWORD, null));
        assertEquals("alice", chat.authenticate(other).username());
        assertEquals("alice", chat.login("alice", PASSWORD).user().username());
    }

    @Test
    void repeatedWrongCurrentPasswordsAreRateLimitedLikeLogins() {
        try (Chat limited = TestChats.chat(TestChats.config().loginFailureLimit(3, Duration.ofMinutes(1)), clock)) {
            User alice = limited.register("alice", PASSWORD);
            for (int i = 0; i < 3; i++) {
                assertRefused(ErrorCode.FORBIDDEN, () -> limited.changePassword(alice, Optional.empty(), "wrong-one", NEW_PASSWORD));
            }
            assertRefused(ErrorCode.RATE_LIMITED, () -> limited.changePassword(alice, Optional.empty(), PASSWORD, NEW_PASSWORD),
                    "even the right password waits for the budget");
            clock.advance(Duration.ofMinutes(1));
            limited.changePassword(alice, Optional.empty(), PASSWORD, NEW_PASSWORD);
        }
    }

    @Test
    void aContainerPrincipalHasNoParleyPasswordToChange() {
        User carol = chat.principal("carol");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.changePassword(carol, Optional.empty(), PASSWORD, NEW_PASSWORD));
    }

    @Test
    void aPasswordChangeClosesEveryOtherSessionWith1008() throws Exception {
        User alice = chat.register("alice", PASSWORD);
        String kept = chat.login("alice", PASSWORD).token();
        String other = chat.login("alice", PASSWORD).token();
        TestClient keptClient = TestClient.connect(chat, alice, Optional.of(kept));
        TestClient otherClient = TestClient.connect(chat, alice, Optional.of(other));
        TestClient bob = TestClient.connect(chat, chat.register("bob", PASSWORD), Optional.of(chat.login("bob", PASSWORD).token()));

        chat.changePassword(alice, Optional.of(kept), PASSWORD, NEW_PASSWORD);

        assertTrue(otherClient.connection.awaitClose(TestClient.WAIT), "the other token's socket closes");
        assertEquals(1008, otherClient.connection.closeCode());
        keptClient.sync();
        bob.sync();
        assertEquals(0, keptClient.connection.closeCode(), "the caller's own socket stays open");
        assertEquals(0, bob.connection.closeCode(), "another user's socket stays open");
        assertRefused(ErrorCode.UNAUTHORIZED, () -> chat.connect(alice, Optional.of(other), new RecordingConnection()),
                "a new socket with the revoked token is refused");
    }

    @Test
    void profilesListedOnlineCarryTheDisplayName() throws Exception {
        User alice = chat.register("alice", PASSWORD);
        chat.setDisplayName(alice, Optional.of("Alice"));
        TestClient.connect(chat, alice).sync();
        UserProfile online = chat.onlineUsers().get(0);
        assertEquals(Optional.of("Alice"), online.displayName());
    }
}
