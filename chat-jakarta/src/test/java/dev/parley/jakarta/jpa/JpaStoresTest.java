package dev.parley.jakarta.jpa;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.User;
import dev.parley.core.spi.StoredUser;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@link JpaStores} is built, fails and closes. */
class JpaStoresTest {

    private static final StoredUser ALICE = new StoredUser(new User("u1", "alice", Instant.EPOCH), Optional.empty());

    @Test
    void aUrlThatIsNotJdbcIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JpaStores.resourceLocal("postgres://localhost/chat", "u", "p"));
        assertEquals("jdbcUrl must start with \"jdbc:\", got \"postgres://localhost/chat\"", e.getMessage());
    }

    @Test
    void aDatabaseThatRefusesConnectionsIsUnavailableAtCreation() {
        ChatException e = assertThrows(ChatException.class,
                () -> JpaStores.resourceLocal("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=5", "nobody", "secret"));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().startsWith("database unavailable: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aDatabaseLostAfterCreationMakesStoreCallsUnavailable() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            JpaStores stores = db.open();
            assertTrue(stores.users().create(ALICE));
            try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS");
            }
            ChatException e = assertThrows(ChatException.class, () -> stores.users().find("alice"));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
        }
    }

    @Test
    void closeClosesTheFactoryItBuiltAndLaterCallsAreUnavailable() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            JpaStores stores = db.open();
            stores.close();
            stores.close(); // harmless twice
            ChatException e = assertThrows(ChatException.class, () -> stores.users().create(ALICE));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
        }
    }

    @Test
    void closeLeavesAFactoryItWasGivenOpen() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            JpaStores.prepareSchema(db.dataSource(), SchemaMode.MIGRATE); // the unit generates no DDL
            EntityManagerFactory emf = Persistence.createEntityManagerFactory(JpaStores.UNIT, Map.of(
                    "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                    "jakarta.persistence.jdbc.url", db.url()));
            try {
                JpaStores stores = JpaStores.resourceLocal(emf);
                assertTrue(stores.users().create(ALICE));
                stores.close();
                assertTrue(emf.isOpen());
                assertEquals("alice", JpaStores.resourceLocal(emf).users().find("ALICE").orElseThrow().user().username());
            } finally {
                emf.close();
            }
        }
    }

    @Test
    void jtaOutsideAContainerSaysWhereToCallIt() {
        EntityManagerFactory emf = Persistence.createEntityManagerFactory(JpaStores.UNIT, Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jdbc.url", "jdbc:h2:mem:jta"));
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> JpaStores.jta(emf));
            assertTrue(e.getMessage().startsWith("no java:comp/UserTransaction to look up"), e.getMessage());
        } finally {
            emf.close();
        }
    }

    @Test
    void onH2EveryCommitIsWrittenToTheFileBeforeItReturns(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (JpaStores stores = JpaStores.resourceLocal(url, "sa", "")) {
            assertTrue(stores.users().create(ALICE));
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                         + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                List<String> values = new ArrayList<>();
                while (r.next()) {
                    values.add(r.getString(1));
                }
                assertFalse(values.isEmpty());
                assertTrue(values.stream().allMatch("0"::equals), "H2's write delay must be off, was " + values);
            }
        }
    }

    @Test
    void aPostgresqlThatAcknowledgesCommitsBeforeFlushingThemIsNamedInTheLog() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            String url = db.url() + (db.url().contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
            List<String> warnings = new ArrayList<>();
            Logger log = Logger.getLogger("dev.parley.jakarta.jpa.internal.CommitDurability");
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    warnings.add(record.getLevel() + " " + record.getMessage());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            log.addHandler(handler);
            try (JpaStores stores = JpaStores.resourceLocal(url, null, null)) {
                assertTrue(stores.users().create(ALICE));
            } finally {
                log.removeHandler(handler);
            }
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("WARNING PostgreSQL has synchronous_commit=off"), warnings.get(0));
        }
    }
}
