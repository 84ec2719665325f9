package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page over HTTPS: the page loads from {@code https://}, opens its WebSocket as
 * {@code wss://} on the same port and two people chat, with a self-signed certificate made in the
 * test (Chromium told to accept it, as a browser whose user accepted it would).
 */
class TlsBrowserIT extends BrowserTest {

    @Override
    protected StandaloneConfig.Builder configure(StandaloneConfig.Builder config) throws IOException {
        try {
            SelfSigned cert = SelfSigned.create(work, "browser", "RSA");
            return config.tls(cert.certificate(), cert.key());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    protected List<String> chromiumArguments() {
        return List.of("--ignore-certificate-errors");
    }

    @Test
    void thePageChatsOverHttpsAndWss() throws IOException {
        assertEquals("https", server.url().getScheme());
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        assertTrue(alice.getCurrentUrl().startsWith("https://"), alice.getCurrentUrl());
        say(alice, "Hello over TLS");
        assertEquals("alice", message(bob, "Hello over TLS").get("from"));
        Object secure = ((JavascriptExecutor) bob).executeScript("return window.isSecureContext && location.protocol");
        assertEquals("https:", secure);
    }
}
