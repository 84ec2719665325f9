package dev.parley.standalone;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandaloneConfigTest {

    @Test
    void defaultsAreLoopback8080AndTheEmbeddedDatabase() {
        StandaloneConfig config = StandaloneConfig.defaults();
        assertEquals("127.0.0.1", config.host());
        assertEquals(8080, config.port());
        assertEquals(Path.of("parley-data"), config.dataDir());
        assertEquals(Path.of("parley-data", "files"), config.filesDir());
        assertTrue(config.storage() instanceof StandaloneConfig.Storage.Embedded);
        assertTrue(config.corsOrigins().isEmpty());
        assertEquals(Duration.ofSeconds(30), config.pingInterval());
    }

    @Test
    void engineSettingsLandInTheChatConfig() {
        StandaloneConfig config = StandaloneConfig.builder().maxUploadBytes(1234).admin("Root").retention(10)
                .tokenTtl(Duration.ofMinutes(5)).build();
        assertEquals(1234, config.chat().maxUploadBytes());
        assertTrue(config.chat().isAdmin("root"));
        assertEquals(10, config.chat().retention().orElseThrow());
        assertEquals(Duration.ofMinutes(5), config.chat().tokenTtl());
        assertEquals(config, config.toBuilder().build());
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.builder().port(70000).build())
                .getMessage().contains("70000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.builder().host(" ").build())
                .getMessage().contains("host"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.builder().corsOrigin("https://x.example/").build())
                .getMessage().contains("https://x.example/"));
        assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.builder().corsOrigin("x.example").build());
        assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.builder().corsOrigin("https://X.example").build());
        assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.builder().database("postgres://x", Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.builder().pingInterval(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> StandaloneConfig.builder().maxUploadBytes(0).build());
    }

    @Test
    void databasePasswordStaysOutOfToString() {
        StandaloneConfig config = StandaloneConfig.builder()
                .database("jdbc:postgresql://db/parley", Optional.of("chat"), Optional.of("hunter2")).build();
        assertFalse(config.toString().contains("hunter2"), config.toString());
        assertTrue(StandaloneConfig.builder().corsOrigin("*").corsOrigin("http://localhost:3000").build().corsOrigins().contains("*"));
    }

    @Test
    void serverRefusesToStartTwiceAndAnswersNothingBeforeStart() throws Exception {
        StandaloneServer server = StandaloneServer.create(StandaloneConfig.builder().port(0).inMemory().build());
        assertThrows(IllegalStateException.class, server::port);
        try (server) {
            server.start();
            assertThrows(IllegalStateException.class, server::start);
        }
        server.close();
    }

    @Test
    void portInUseFailsTheStartWithABindError() throws Exception {
        try (StandaloneServer first = StandaloneServer.create(StandaloneConfig.builder().port(0).inMemory().build()).start()) {
            StandaloneServer second = StandaloneServer.create(StandaloneConfig.builder().port(first.port()).inMemory().build());
            assertThrows(java.net.BindException.class, second::start);
        }
    }
}
