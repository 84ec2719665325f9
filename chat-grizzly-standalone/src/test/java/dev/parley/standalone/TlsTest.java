package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.standalone.internal.cli.Cli;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS and {@code wss://} on the server's one port, from PEM files made in the test by
 * {@code keytool} (RSA and EC), and the one-line refusals of bad TLS files with exit status 1.
 */
class TlsTest {
    @TempDir
    Path dir;

    private StandaloneServer start(SelfSigned cert) throws IOException {
        return StandaloneServer.create(StandaloneConfig.builder().port(0).inMemory()
                .chat(ChatConfig.builder().passwordHashCost(4).build())
                .tls(cert.certificate(), cert.key()).build()).start();
    }

    private static HttpResponse<String> get(SSLContext trust, URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trust).build();
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpsAndWssOnOnePortWithAnRsaCertificate() throws Exception {
        SelfSigned cert = SelfSigned.create(dir, "rsa", "RSA");
        try (StandaloneServer server = start(cert)) {
            assertEquals("https", server.url().getScheme());
            SSLContext trust = cert.clientContext();
            HttpResponse<String> health = get(trust, server.url().resolve("/api/health"));
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("UP"));
            assertEquals(200, get(trust, server.url()).statusCode(), "the web page over HTTPS");
            assertEquals(200, get(trust, server.url().resolve("/metrics")).statusCode());

            HttpClient client = HttpClient.newBuilder().sslContext(trust).build();
            String token = loginOver(client, server.url(), "tina");
            try (WsClient ws = WsClient.open(client.newWebSocketBuilder(), server.url(), token)) {
                ws.await(WsClient.type("welcome"));
                // a frame and its answer over wss (tina has not joined general: the answer is an error frame)
                ws.send(Json.createObjectBuilder(Map.of("type", "send", "room", "general", "text", "over wss",
                        "clientMsgId", "w1")).build());
                ws.await(f -> "error".equals(f.getString("type", "")) && "w1".equals(f.getString("ref", "")));
            }
        }
    }

    @Test
    void anEcKeyServesToo() throws Exception {
        SelfSigned cert = SelfSigned.create(dir, "ec", "EC");
        try (StandaloneServer server = start(cert)) {
            assertEquals(200, get(cert.clientContext(), server.url().resolve("/api/health")).statusCode());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedAndPlainHttpIsNotServed() throws Exception {
        SelfSigned cert = SelfSigned.create(dir, "rsa", "RSA");
        try (StandaloneServer server = start(cert)) {
            HttpClient untrusting = HttpClient.newHttpClient();
            assertThrows(SSLHandshakeException.class, () -> untrusting.send(
                    HttpRequest.newBuilder(server.url().resolve("/api/health")).build(), HttpResponse.BodyHandlers.ofString()));
            URI plain = URI.create("http://127.0.0.1:" + server.port() + "/api/health");
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(plain).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    private static String loginOver(HttpClient client, URI base, String user) throws Exception {
        String credentials = Json.createObjectBuilder(Map.of("username", user, "password", "password-" + user)).build().toString();
        HttpResponse<String> registered = client.send(HttpRequest.newBuilder(base.resolve("/api/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(credentials)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, registered.statusCode(), registered.body());
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(base.resolve("/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(credentials)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        try (var reader = Json.createReader(new java.io.StringReader(login.body()))) {
            return reader.readObject().getString("token");
        }
    }

    /** The command line's answer to {@code args}: its exit status and the one line on stderr. */
    private record Outcome(int status, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<Runnable> hooks = new CopyOnWriteArrayList<>();
        int status = new Cli(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), hooks::add).run(args);
        hooks.forEach(Runnable::run);
        return new Outcome(status, err.toString().strip());
    }

    private Outcome startWith(Path certificate, Path key) {
        return run("--port", "0", "--host", "127.0.0.1", "--data-dir", dir.resolve("data").toString(),
                "--tls-cert", certificate.toString(), "--tls-key", key.toString());
    }

    @Test
    void aMissingUnreadableOrMismatchedFileIsOneLineAndExitStatusOne() throws Exception {
        SelfSigned one = SelfSigned.create(dir, "one", "RSA");
        SelfSigned other = SelfSigned.create(dir, "other", "RSA");
        Path missing = dir.resolve("missing.pem");

        Outcome noCert = startWith(missing, one.key());
        assertEquals(Cli.START_FAILED, noCert.status());
        assertEquals("Cannot start Parley: TLS certificate file " + missing + " does not exist", noCert.err());

        Outcome mismatch = startWith(one.certificate(), other.key());
        assertEquals(Cli.START_FAILED, mismatch.status());
        assertTrue(mismatch.err().startsWith("Cannot start Parley: TLS key " + other.key() + " does not belong to the certificate in "
                + one.certificate()), mismatch.err());

        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        Outcome notPem = startWith(garbage, one.key());
        assertEquals(Cli.START_FAILED, notPem.status());
        assertTrue(notPem.err().contains("holds no PEM certificate"), notPem.err());

        Outcome swapped = startWith(one.key(), one.certificate());
        assertEquals(Cli.START_FAILED, swapped.status());
        assertTrue(swapped.err().contains("it holds a private key: give it with --tls-key"), swapped.err());

        for (Outcome o : List.of(noCert, mismatch, notPem, swapped)) {
            assertEquals(1, o.err().lines().count(), "one line: " + o.err());
            assertFalse(o.err().contains("Exception"), o.err());
        }

        Outcome half = run("--port", "0", "--tls-cert", one.certificate().toString());
        assertEquals(Cli.USAGE, half.status());
        assertTrue(half.err().contains("--tls-cert needs --tls-key"), half.err());
    }
}
