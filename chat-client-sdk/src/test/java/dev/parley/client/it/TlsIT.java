package dev.parley.client.it;

import dev.parley.client.Ack;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.core.ChatConfig;
import dev.parley.protocol.Visibility;
import dev.parley.standalone.StandaloneConfig;
import dev.parley.standalone.StandaloneServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK against a standalone server on HTTPS with a self-signed certificate made in the test
 * ({@code keytool}): REST and the live {@code wss://} connection work with a trusting
 * {@link ChatClient.Builder#sslContext}, and without it the client is refused.
 */
class TlsIT {
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void theSdkTalksHttpsAndWssWithItsOwnSslContext() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "parley", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                + base64.encodeToString(keys.getCertificate("parley").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + base64.encodeToString(keys.getKey("parley", PASSWORD.toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("parley", keys.getCertificate("parley"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext trust = SSLContext.getInstance("TLS");
        trust.init(null, tmf.getTrustManagers(), null);

        try (StandaloneServer server = StandaloneServer.create(StandaloneConfig.builder().host("127.0.0.1").port(0)
                .inMemory().chat(ChatConfig.builder().passwordHashCost(4).build()).tls(cert, key).build()).start()) {
            String url = "https://127.0.0.1:" + server.port();
            String name = TestServer.name("tls");
            Recorder recorder = new Recorder();
            try (ChatClient client = TestServer.client(url).sslContext(trust).credentials(name, TestServer.PASSWORD)
                    .listener(recorder).build()) {
                client.register(name, TestServer.PASSWORD);
                client.login();
                String room = TestServer.name("secure");
                client.createRoom(room, Visibility.PUBLIC);
                client.connect().get(20, TimeUnit.SECONDS);
                client.subscribe(room).get(20, TimeUnit.SECONDS);
                Ack ack = client.send(room, "over wss").get(20, TimeUnit.SECONDS);
                assertTrue(ack.posted());
                recorder.await("the message comes back over wss", Duration.ofSeconds(20), () -> !recorder.in(room).isEmpty());
                assertEquals("over wss", recorder.in(room).get(0).text());
            }

            try (ChatClient untrusting = TestServer.client(url).build()) {
                assertThrows(ChatClientException.class, () -> untrusting.register(TestServer.name("nope"), TestServer.PASSWORD),
                        "the JDK's default trust store does not know the self-signed certificate");
            }
        }
    }
}
