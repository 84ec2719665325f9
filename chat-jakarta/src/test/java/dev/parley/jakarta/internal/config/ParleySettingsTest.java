package dev.parley.jakarta.internal.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParleySettingsTest {

    private static ParleySettings parse(Map<String, String> params) {
        return ParleySettings.parse(params::get);
    }

    @Test
    void defaultsAreJpaOnTheManagedExecutorWithTheEngineDefaults() {
        ParleySettings s = parse(Map.of());
        assertTrue(s.enabled());
        assertEquals(ParleySettings.Store.JPA, s.store());
        assertEquals("java:comp/DefaultManagedExecutorService", s.executor());
        assertEquals(Optional.empty(), s.uploadDirectory());
        assertEquals(OptionalInt.empty(), s.retention());
        assertEquals(10L * 1024 * 1024, s.maxUploadBytes());
        assertEquals(4000, s.maxTextLength());
        assertEquals(Duration.ofHours(24), s.tokenTtl());
        assertEquals(Set.of(), s.admins());
        assertEquals(List.of(), s.allowedOrigins());
        assertEquals(dev.parley.jakarta.jpa.SchemaMode.MIGRATE, s.schema());
        assertEquals("parley-admin", s.adminRole());
        assertEquals("parley-admin", s.chatConfig().adminRole());
    }

    @Test
    void theAdminRoleIsReadAndReachesTheEngine() {
        assertEquals("chat-operators", parse(Map.of("parley.adminRole", " chat-operators ")).chatConfig().adminRole());
    }

    @Test
    void everySettingIsRead() {
        ParleySettings s = parse(Map.of("parley.store", "memory", "parley.admins", " alice, Bob ,,",
                "parley.retention", "1000", "parley.maxUploadBytes", "2MiB", "parley.maxTextLength", "500",
                "parley.tokenTtl", "PT12H", "parley.uploadDirectory", "/var/parley/files", "parley.executor", "engine",
                "parley.enabled", "true", "parley.schema", " Validate "));
        assertEquals(ParleySettings.Store.MEMORY, s.store());
        assertEquals(Set.of("alice", "Bob"), s.admins());
        assertEquals(OptionalInt.of(1000), s.retention());
        assertEquals(2L * 1024 * 1024, s.maxUploadBytes());
        assertEquals(500, s.maxTextLength());
        assertEquals(Duration.ofHours(12), s.tokenTtl());
        assertEquals(Optional.of(Path.of("/var/parley/files")), s.uploadDirectory());
        assertEquals("engine", s.executor());
        assertEquals(dev.parley.jakarta.jpa.SchemaMode.VALIDATE, s.schema());
        assertTrue(s.chatConfig().isAdmin("bob"));
        assertEquals(OptionalInt.of(1000), s.chatConfig().retention());
    }

    @Test
    void allowedOriginsAreACommaSeparatedListAndTheEdgesPolicy() {
        ParleySettings s = parse(Map.of("parley.allowedOrigins", " https://app.example.com, http://localhost:3000 ,"));
        assertEquals(List.of("https://app.example.com", "http://localhost:3000"), s.allowedOrigins());
        assertTrue(s.origins().allowsCors("http://localhost:3000"));
        assertFalse(s.origins().allowsCors("https://evil.example"));
        assertFalse(parse(Map.of()).origins().allowsCors("https://app.example.com"), "CORS is off unless configured");
    }

    @Test
    void plainNumbersAreBytesAndSeconds() {
        ParleySettings s = parse(Map.of("parley.maxUploadBytes", "4096", "parley.tokenTtl", "3600"));
        assertEquals(4096, s.maxUploadBytes());
        assertEquals(Duration.ofHours(1), s.tokenTtl());
    }

    @Test
    void sizesAndDurationsTakeTheSameGrammarAsTheStandaloneCommandLine() {
        ParleySettings s = parse(Map.of("parley.maxUploadBytes", "10 MB", "parley.tokenTtl", "12h"));
        assertEquals(10L << 20, s.maxUploadBytes());
        assertEquals(Duration.ofHours(12), s.tokenTtl());
    }

    @Test
    void disabledIsRead() {
        assertFalse(parse(Map.of("parley.enabled", "false")).enabled());
    }

    @Test
    void badValuesAreRefusedNamingTheParameterAndValue() {
        assertMessage(Map.of("parley.store", "redis"), "parley.store", "redis");
        assertMessage(Map.of("parley.retention", "-5"), "parley.retention", "-5");
        assertMessage(Map.of("parley.maxUploadBytes", "10 XB"), "parley.maxUploadBytes", "10 XB");
        assertMessage(Map.of("parley.tokenTtl", "tomorrow"), "parley.tokenTtl", "tomorrow");
        assertMessage(Map.of("parley.enabled", "yes"), "parley.enabled", "yes");
        assertMessage(Map.of("parley.maxTextLength", "0"), "parley.maxTextLength", "0");
        assertMessage(Map.of("parley.allowedOrigins", "https://app.example.com/"), "parley.allowedOrigins", "https://app.example.com/");
        assertMessage(Map.of("parley.schema", "update"), "parley.schema", "update");
    }

    private static void assertMessage(Map<String, String> params, String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(params));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(value), e.getMessage());
    }
}
