package dev.parley.jakarta.internal.edge;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.jakarta.internal.auth.Caller;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handshake rules on an in-memory engine, as both servers' filters apply them. */
class HandshakeCheckTest {
    private static final String HOST = "chat.example.com";
    private static final String OWN = "https://chat.example.com";
    private static final String FOREIGN = "https://evil.example";
    private static final String LISTED = "https://app.example.com";
    private static final Principal CONTAINER_USER = () -> "carol";

    private static Chat chat;
    private static String token;

    @BeforeAll
    static void engine() {
        chat = Chat.builder().config(ChatConfig.builder().passwordHashCost(4).build()).build();
        chat.register("alice", "correct horse");
        token = chat.login("alice", "correct horse").token();
    }

    @AfterAll
    static void close() {
        chat.close();
    }

    private static HandshakeCheck.Request request(String origin, String query, String authorization, Principal principal) {
        return new HandshakeCheck.Request(Optional.ofNullable(origin), Optional.of(HOST), true, Optional.ofNullable(query),
                Optional.ofNullable(authorization), Optional.ofNullable(principal));
    }

    private static ErrorCode refusal(HandshakeCheck check, HandshakeCheck.Request request) {
        return assertThrows(ChatException.class, () -> check.admit(request)).code();
    }

    @Test
    void aPageOfTheOwnOriginWithATokenIsAdmitted() {
        HandshakeCheck check = new HandshakeCheck(chat, Origins.sameOriginOnly("%s"));
        assertEquals("alice", check.admit(request(OWN, "token=" + token, null, null)).getName());
        assertEquals("alice", check.admit(request(OWN, null, "Bearer " + token, null)).getName());
    }

    @Test
    void aContainerSessionUsedFromAForeignPageIsForbidden() {
        HandshakeCheck check = new HandshakeCheck(chat, Origins.sameOriginOnly("add %s to parley.allowedOrigins"));
        ChatException e = assertThrows(ChatException.class, () -> check.admit(request(FOREIGN, null, null, CONTAINER_USER)));
        assertEquals(ErrorCode.FORBIDDEN, e.code());
        assertTrue(e.getMessage().contains(FOREIGN) && e.getMessage().contains("add " + FOREIGN + " to parley.allowedOrigins"),
                e.getMessage());
        Caller own = check.admit(request(OWN, null, null, CONTAINER_USER));
        assertEquals("carol", own.getName());
        assertEquals(Optional.empty(), own.token());
    }

    @Test
    void theOriginIsCheckedBeforeTheCredentials() {
        HandshakeCheck check = new HandshakeCheck(chat, Origins.sameOriginOnly("%s"));
        assertEquals(ErrorCode.FORBIDDEN, refusal(check, request(FOREIGN, "token=" + token, null, null)));
        assertEquals(ErrorCode.FORBIDDEN, refusal(check, request(FOREIGN, null, null, null)));
    }

    @Test
    void aConfiguredOriginIsAdmittedAndOthersStillNot() {
        HandshakeCheck check = new HandshakeCheck(chat, Origins.of(List.of(LISTED), "%s"));
        assertEquals("alice", check.admit(request(LISTED, "token=" + token, null, null)).getName());
        assertEquals("carol", check.admit(request(LISTED, null, null, CONTAINER_USER)).getName());
        assertEquals(ErrorCode.FORBIDDEN, refusal(check, request(FOREIGN, "token=" + token, null, null)));
    }

    @Test
    void aClientWithoutOriginIsJudgedByItsCredentialsAlone() {
        HandshakeCheck check = new HandshakeCheck(chat, Origins.sameOriginOnly("%s"));
        assertEquals("alice", check.admit(request(null, "token=" + token, null, null)).getName());
        assertEquals(ErrorCode.UNAUTHORIZED, refusal(check, request(null, null, null, null)));
        assertEquals(ErrorCode.UNAUTHORIZED, refusal(check, request(null, "token=forged", null, null)));
        assertEquals(ErrorCode.UNAUTHORIZED, refusal(check, request(null, null, "Bearer forged", null)));
        assertEquals(ErrorCode.BAD_REQUEST, refusal(check, request(null, "token=%zz", null, null)));
    }

    @Test
    void aContainerUserInTheAdminRoleIsAdmittedAsAServerAdminAndOneWithATokenIsNot() {
        HandshakeCheck check = new HandshakeCheck(chat, Origins.sameOriginOnly("%s"));
        Principal dave = () -> "dave";
        Caller admin = check.admit(new HandshakeCheck.Request(Optional.of(OWN), Optional.of(HOST), true, Optional.empty(),
                Optional.empty(), Optional.of(dave), role -> role.equals(ChatConfig.DEFAULT_ADMIN_ROLE)));
        assertEquals("SYSTEM", chat.announce(admin.user(), "from the handshake").kind().name());
        // A bearer token names its own user: the container's roles are not asked for it.
        Caller alice = check.admit(new HandshakeCheck.Request(Optional.of(OWN), Optional.of(HOST), true,
                Optional.of("token=" + token), Optional.empty(), Optional.of(dave), role -> true));
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatException.class, () -> chat.announce(alice.user(), "no")).code());
        // The standalone's form of a request: no container roles.
        Caller plain = check.admit(request(OWN, null, null, () -> "erin"));
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatException.class, () -> chat.announce(plain.user(), "no")).code());
    }

    @Test
    void aBadTokenIsRefusedEvenForAContainerUser() {
        HandshakeCheck check = new HandshakeCheck(chat, Origins.sameOriginOnly("%s"));
        assertEquals(ErrorCode.UNAUTHORIZED, refusal(check, request(OWN, "token=forged", null, CONTAINER_USER)));
    }

    @Test
    void aRefusalIsTheContractsErrorAnswer() {
        HandshakeCheck.Refusal unauthorized = HandshakeCheck.Refusal.of(ChatException.unauthorized("no token"));
        assertEquals(401, unauthorized.status());
        assertEquals(Optional.of("Bearer realm=\"parley\""), unauthorized.challenge());
        try (JsonReader body = Json.createReader(new StringReader(new String(unauthorized.body(), StandardCharsets.UTF_8)))) {
            JsonObject json = body.readObject();
            assertEquals("UNAUTHORIZED", json.getString("error"));
            assertEquals("no token", json.getString("message"));
        }
        HandshakeCheck.Refusal forbidden = HandshakeCheck.Refusal.of(ChatException.forbidden("foreign"));
        assertEquals(403, forbidden.status());
        assertEquals(Optional.empty(), forbidden.challenge());
    }
}
