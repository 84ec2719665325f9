package dev.parley.jakarta.internal.auth;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CredentialsTest {

    @Test
    void aContainerPrincipalInTheConfiguredAdminRoleIsAServerAdminForAsLongAsTheContainerSaysSo() {
        try (Chat chat = Chat.builder().config(ChatConfig.builder().passwordHashCost(4).adminRole("ops").build()).build()) {
            Principal frank = () -> "frank";
            Caller admin = Credentials.authenticate(chat, Optional.empty(), Optional.of(frank), role -> role.equals("ops"));
            assertEquals(Optional.empty(), admin.token());
            chat.announce(admin.user(), "made by the container's role");
            Caller demoted = Credentials.authenticate(chat, Optional.empty(), Optional.of(frank), role -> role.equals("parley-admin"));
            assertEquals(ErrorCode.FORBIDDEN,
                    assertThrows(ChatException.class, () -> chat.announce(demoted.user(), "not any more")).code());
            Credentials.authenticate(chat, Optional.empty(), Optional.of(frank), role -> role.equals("ops"));
            Credentials.authenticate(chat, Optional.empty(), Optional.of(frank));
            assertEquals(ErrorCode.FORBIDDEN,
                    assertThrows(ChatException.class, () -> chat.announce(demoted.user(), "without roles")).code(),
                    "the form without roles reports none");
        }
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        assertEquals(Optional.of("abc.def"), Credentials.bearer("Bearer abc.def"));
        assertEquals(Optional.of("abc.def"), Credentials.bearer("bearer   abc.def "));
    }

    @Test
    void bearerSchemeMayBeFollowedByAnyWhitespace() {
        assertEquals(Optional.of("abc.def"), Credentials.bearer("Bearer\tabc.def"));
    }

    @Test
    void otherSchemesAndNoHeaderAreNoToken() {
        assertEquals(Optional.empty(), Credentials.bearer(null));
        assertEquals(Optional.empty(), Credentials.bearer("Basic dXNlcjpwYXNz"));
        assertEquals(Optional.empty(), Credentials.bearer("Bearerish abc"), "a scheme that merely starts with Bearer");
    }

    @Test
    void bearerWithoutTokenIsUnauthorized() {
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatException.class, () -> Credentials.bearer("Bearer")).code());
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatException.class, () -> Credentials.bearer("Bearer   ")).code());
    }

    @Test
    void queryTokenIsTheDecodedTokenParameter() {
        assertEquals(Optional.of("a.b+c"), Credentials.queryToken("since=4&token=a.b%2Bc"));
        assertEquals(Optional.of("first"), Credentials.queryToken("token=first&token=second"));
    }

    @Test
    void queryWithoutATokenOrWithABlankOneIsNoToken() {
        assertEquals(Optional.empty(), Credentials.queryToken(null));
        assertEquals(Optional.empty(), Credentials.queryToken(""));
        assertEquals(Optional.empty(), Credentials.queryToken("token"));
        assertEquals(Optional.empty(), Credentials.queryToken("token="));
        assertEquals(Optional.empty(), Credentials.queryToken("tokens=abc"));
    }

    @Test
    void malformedQueryIsABadRequest() {
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ChatException.class, () -> Credentials.queryToken("token=%zz")).code());
    }
}
