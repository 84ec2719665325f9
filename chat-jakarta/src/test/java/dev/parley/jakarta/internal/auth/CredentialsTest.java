package dev.parley.jakarta.internal.auth;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CredentialsTest {

    @Test
    void bearerSchemeIsCaseInsensitive() {
        assertEquals(Optional.of("abc.def"), Credentials.bearer("Bearer abc.def"));
        assertEquals(Optional.of("abc.def"), Credentials.bearer("bearer   abc.def "));
    }

    @Test
    void otherSchemesAndNoHeaderAreNoToken() {
        assertEquals(Optional.empty(), Credentials.bearer(null));
        assertEquals(Optional.empty(), Credentials.bearer("Basic dXNlcjpwYXNz"));
    }

    @Test
    void bearerWithoutTokenIsUnauthorized() {
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatException.class, () -> Credentials.bearer("Bearer")).code());
        assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatException.class, () -> Credentials.bearer("Bearer   ")).code());
    }
}
