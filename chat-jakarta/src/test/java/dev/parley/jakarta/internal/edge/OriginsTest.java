package dev.parley.jakarta.internal.edge;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginsTest {
    private static final String HOW = "add %s to the list";

    private static boolean handshake(Origins origins, String origin, String host, boolean secure) {
        return origins.allowsWebSocket(Optional.ofNullable(origin), Optional.ofNullable(host), secure);
    }

    @Test
    void aPageOfTheRequestsOwnOriginIsAllowedWithoutBeingListed() {
        Origins origins = Origins.sameOriginOnly(HOW);
        assertTrue(handshake(origins, "http://127.0.0.1:8080", "127.0.0.1:8080", false));
        assertTrue(handshake(origins, "https://Chat.Example.com", "chat.example.com", true));
        assertTrue(handshake(origins, "http://[::1]:8080", "[::1]:8080", false));
    }

    @Test
    void theSchemesDefaultPortMayBeLeftOutOnEitherSide() {
        Origins origins = Origins.sameOriginOnly(HOW);
        assertTrue(handshake(origins, "https://chat.example.com", "chat.example.com:443", true));
        assertTrue(handshake(origins, "http://chat.example.com:80", "chat.example.com", false));
        assertFalse(handshake(origins, "http://chat.example.com", "chat.example.com:8080", false));
    }

    @Test
    void anotherHostPortOrSchemeIsForeign() {
        Origins origins = Origins.sameOriginOnly(HOW);
        assertFalse(handshake(origins, "https://evil.example", "chat.example.com", true));
        assertFalse(handshake(origins, "http://127.0.0.1:9090", "127.0.0.1:8080", false));
        assertFalse(handshake(origins, "http://chat.example.com", "chat.example.com", true), "an http page on a TLS server");
        assertFalse(handshake(origins, "https://chat.example.com", "chat.example.com", false), "no TLS where the page had it");
        assertFalse(handshake(origins, "http://chat.example.com.evil.example", "chat.example.com", false));
        assertFalse(handshake(origins, "null", "chat.example.com", false), "a sandboxed or file: page");
        assertFalse(handshake(origins, "http://chat.example.com", null, false), "no Host to compare with");
        assertFalse(handshake(origins, "not a url", "chat.example.com", false));
    }

    @Test
    void aRequestWithoutOriginIsNotABrowserPageAndIsAllowed() {
        assertTrue(handshake(Origins.sameOriginOnly(HOW), null, "chat.example.com", false));
        assertTrue(handshake(Origins.sameOriginOnly(HOW), null, null, false));
    }

    @Test
    void aConfiguredListAllowsItsOriginsAndNoOthers() {
        Origins origins = Origins.of(List.of("https://app.example.com", "http://localhost:3000"), HOW);
        assertTrue(handshake(origins, "https://app.example.com", "chat.example.com", true));
        assertTrue(handshake(origins, "http://localhost:3000", "chat.example.com", true));
        assertTrue(handshake(origins, "https://chat.example.com", "chat.example.com", true), "its own origin still");
        assertFalse(handshake(origins, "https://evil.example", "chat.example.com", true));
        assertFalse(handshake(origins, "http://app.example.com", "chat.example.com", true), "the listed origin has https");
        assertTrue(origins.allowsCors("https://app.example.com"));
        assertTrue(origins.allowsCors("HTTPS://APP.EXAMPLE.COM"), "compared in lower case, as browsers send it");
        assertFalse(origins.allowsCors("https://evil.example"));
    }

    @Test
    void aStarAllowsEveryOrigin() {
        Origins origins = Origins.of(List.of("*"), HOW);
        assertTrue(handshake(origins, "https://anything.example", "chat.example.com", true));
        assertTrue(origins.allowsCors("null"));
    }

    @Test
    void withoutAListNoForeignPageGetsCors() {
        assertFalse(Origins.sameOriginOnly(HOW).allowsCors("https://app.example.com"));
    }

    @Test
    void entriesThatAreNotOriginsAreRefusedNamingThem() {
        for (String bad : List.of("https://app.example.com/", "https://app.example.com/path", "app.example.com",
                "https://App.example.com", "https://user@app.example.com", "https://app.example.com?x=1", "http://")) {
            assertTrue(Origins.problem(bad).isPresent(), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Origins.of(List.of(bad), HOW));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertEquals(Optional.empty(), Origins.problem("http://localhost:3000"));
        assertEquals(Optional.empty(), Origins.problem("*"));
    }

    @Test
    void aRefusalSaysHowToAllowTheOrigin() {
        assertEquals("add https://app.example.com to the list", Origins.sameOriginOnly(HOW).howToAllow("https://app.example.com"));
    }
}
