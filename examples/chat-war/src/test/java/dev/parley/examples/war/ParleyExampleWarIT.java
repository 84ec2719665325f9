package dev.parley.examples.war;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example WAR as Maven packaged it ({@code target/parley-example.war}), deployed to embedded
 * GlassFish 7 on 127.0.0.1 and driven over real HTTP and a real WebSocket: it serves Parley's
 * contract and web page with no configuration beyond its web.xml. The only addition is a
 * test-only container login ({@link ContainerLogin}), so that a test can show what a page of
 * another site can and cannot do with a logged-in user's session. One deployment serves every
 * test; each test uses its own users.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ParleyExampleWarIT {
    private static final File WAR = new File(System.getProperty("parley.it.war", "target/parley-example.war"));

    // HTTP/1.1: the JDK client otherwise offers an h2c upgrade on cleartext.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive builtWar() {
        if (!WAR.isFile()) {
            throw new IllegalStateException(WAR + " is missing: run this test with 'mvn verify', after 'package' built the WAR");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, WAR).addClass(ContainerLogin.class);
    }

    /** Arquillian reports "localhost"; the server listens on 127.0.0.1 only. */
    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + deployment.getPort() + deployment.getPath() + path);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, JsonObject body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.body());
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static JsonObject credentials(String username) {
        return Json.createObjectBuilder().add("username", username).add("password", "correct horse").build();
    }

    private String registerAndLogin(String username) throws IOException, InterruptedException {
        assertEquals(201, post("api/auth/register", null, credentials(username)).statusCode());
        HttpResponse<String> login = post("api/auth/login", null, credentials(username));
        assertEquals(200, login.statusCode(), login.body());
        return json(login).getString("token");
    }

    @Test
    void theWarHoldsParleyAndItsLibrariesButNoSecondJsonP() throws IOException {
        try (ZipFile zip = new ZipFile(WAR)) {
            List<String> libs = zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith("WEB-INF/lib/")).toList();
            for (String expected : List.of("chat-jakarta-", "chat-core-", "nimbus-jose-jwt-", "bcrypt-")) {
                assertTrue(libs.stream().anyMatch(n -> n.startsWith("WEB-INF/lib/" + expected)), expected + " missing from " + libs);
            }
            assertFalse(libs.stream().anyMatch(n -> n.contains("parsson") || n.contains("json-api")), "the server provides JSON-P: " + libs);
            assertTrue(zip.getEntry("WEB-INF/web.xml") != null, "web.xml");
        }
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = get("api/health", null);
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", json(health).getString("status"));
    }

    @Test
    void servesTheWebPageAtTheContextRoot() throws Exception {
        HttpResponse<String> page = get("", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("<title>Parley</title>"), page.body());
        assertEquals(200, get("app.js", null).statusCode());
    }

    @Test
    void registersLogsInAndRefusesWrongPasswordsAndMissingTokens() throws Exception {
        String token = registerAndLogin("war_alice");
        HttpResponse<String> me = get("api/me", token);
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("war_alice", json(me).getString("username"));

        assertEquals("CONFLICT", json(post("api/auth/register", null, credentials("war_alice"))).getString("error"));
        HttpResponse<String> wrong = post("api/auth/login", null,
                Json.createObjectBuilder().add("username", "war_alice").add("password", "not the password").build());
        assertEquals(401, wrong.statusCode());
        assertEquals("UNAUTHORIZED", json(wrong).getString("error"));
        assertEquals(401, get("api/me", null).statusCode());
    }

    @Test
    void aMessageSentOverTheWebSocketComesBackAndIsStored() throws Exception {
        String token = registerAndLogin("war_bob");
        assertEquals(200, post("api/rooms/general/join", token, Json.createObjectBuilder().build()).statusCode());
        try (Frames ws = Frames.connect(http, uri("ws", "ws?token=" + token))) {
            assertEquals("war_bob", ws.await("welcome").getJsonObject("user").getString("username"));
            ws.send(Json.createObjectBuilder().add("type", "subscribe").add("room", "general").build());
            ws.await("subscribed");
            ws.send(Json.createObjectBuilder().add("type", "send").add("room", "general")
                    .add("text", "hello from a WAR").add("clientMsgId", "war-1").build());

            JsonObject ack = ws.await("ack");
            assertEquals("war-1", ack.getString("clientMsgId"));
            JsonObject message = ws.await("message").getJsonObject("message");
            assertEquals("hello from a WAR", message.getString("text"));
            assertEquals("war_bob", message.getString("from"));
            assertEquals(ack.getJsonNumber("seq").longValue(), message.getJsonNumber("seq").longValue());

            JsonArray history = json(get("api/rooms/general/messages?limit=5", token)).getJsonArray("messages");
            JsonObject last = history.getJsonObject(history.size() - 1);
            assertEquals("hello from a WAR", last.getString("text"));
            assertEquals(ack.getJsonNumber("id").longValue(), last.getJsonNumber("id").longValue());
        }
    }

    /** The container's session cookie after a login with {@link ContainerLogin}'s credentials. */
    private String containerSession() throws IOException, InterruptedException {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("http", "api/me")).timeout(Duration.ofSeconds(30))
                .header("Authorization", ContainerLogin.basicHeader()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        assertEquals(ContainerLogin.USER, json(login).getString("username"), "Parley takes the container's user");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers().map()));
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(uri("http", "api/me")).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), "the cookie alone is the login: " + me.body());
        return cookie;
    }

    @Test
    void aPageOfAnotherSiteCannotOpenASocketWithTheUsersContainerSession() throws Exception {
        String cookie = containerSession();
        // What a browser sends when a page of another site opens new WebSocket("ws://<this server>/ws"):
        // the user's cookie for this server, and the other site as Origin.
        HttpResponse<?> refused = Frames.refusal(http, uri("ws", "ws"), Map.of("Cookie", cookie, "Origin", "https://evil.example"));
        assertEquals(403, refused.statusCode());
        assertTrue(String.valueOf(refused.body()).contains("FORBIDDEN"), String.valueOf(refused.body()));
    }

    @Test
    void theApplicationsOwnPageOpensASocketWithTheUsersContainerSession() throws Exception {
        String cookie = containerSession();
        String own = "http://127.0.0.1:" + deployment.getPort();
        try (Frames ws = Frames.connect(http, uri("ws", "ws"), Map.of("Cookie", cookie, "Origin", own))) {
            assertEquals(ContainerLogin.USER, ws.await("welcome").getJsonObject("user").getString("username"));
            ws.send(Json.createObjectBuilder().add("type", "ping").build());
            ws.await("pong");
        }
    }
}
