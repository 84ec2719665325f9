package dev.parley.jakarta.jpa.internal;

import dev.parley.jakarta.jpa.JpaStores;
import dev.parley.jakarta.jpa.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SchemaUpgrade}: the declared indexes an existing schema lacks are created, on H2, Derby and PostgreSQL. */
class SchemaUpgradeTest {

    private TestDatabase db;
    private EntityManagerFactory emf;

    private void open(String database) {
        db = switch (database) {
            case "h2" -> TestDatabase.h2();
            case "derby" -> TestDatabase.derby();
            case "postgres" -> TestDatabase.postgres();
            default -> throw new IllegalArgumentException(database);
        };
        db.open();
    }

    @AfterEach
    void close() throws Exception {
        if (emf != null) {
            emf.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private Transactions transactions() {
        emf = Transactions.connect(JpaStores.UNIT, Map.of("jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jdbc.url", db.url()));
        return Transactions.resourceLocal(emf);
    }

    /** The columns of each index on the table, in order, keyed by the index's name; all in lower case. */
    private Map<String, List<String>> indexes(String table) throws Exception {
        Map<String, TreeMap<Short, String>> byPosition = new TreeMap<>();
        try (Connection c = db.jdbc()) {
            DatabaseMetaData meta = c.getMetaData();
            String stored = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
            try (ResultSet rs = meta.getIndexInfo(null, c.getSchema(), stored, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null && rs.getString("COLUMN_NAME") != null) {
                        byPosition.computeIfAbsent(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT), i -> new TreeMap<>())
                                .put(rs.getShort("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        byPosition.forEach((index, columns) -> out.put(index, List.copyOf(columns.values())));
        return out;
    }

    private void drop(String index) throws Exception {
        try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
            s.execute("DROP INDEX " + index);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby", "postgres"})
    void indexesMissingFromAnExistingTableAreCreatedWhenTheStoresOpen(String database) throws Exception {
        open(database);
        drop("parley_messages_thread");
        drop("parley_messages_target");
        assertTrue(!indexes("parley_messages").containsKey("parley_messages_thread"));

        db.open(); // as a process of the new release opens a schema an earlier one created

        Map<String, List<String>> now = indexes("parley_messages");
        assertEquals(List.of("room_id", "thread_id", "seq"), now.get("parley_messages_thread"));
        assertEquals(List.of("target_id"), now.get("parley_messages_target"));
        assertEquals(List.of("room_id", "seq"), now.get("parley_messages_room_seq"), "the others stay as they were");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby", "postgres"})
    void aFreshSchemaHasEveryDeclaredIndex(String database) throws Exception {
        open(database);
        Transactions tx = transactions();
        List<SchemaUpgrade.DeclaredIndex> declared = tx.inTransaction(SchemaUpgrade::declared);

        assertTrue(declared.stream().anyMatch(i -> i.name().equals("parley_messages_thread")), declared.toString());
        assertEquals(List.of(), tx.inTransaction(em -> SchemaUpgrade.missing(em, declared)));
        assertEquals(List.of("message_id", "emoji"), indexes("parley_reactions").get("parley_reactions_message"),
                "reactions are looked up by message");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby", "postgres"})
    void anIndexAnotherProcessCreatedFirstIsNoFailure(String database) {
        open(database);
        Transactions tx = transactions();
        SchemaUpgrade.DeclaredIndex thread = tx.inTransaction(SchemaUpgrade::declared).stream()
                .filter(i -> i.name().equals("parley_messages_thread")).findFirst().orElseThrow();
        List<String> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(SchemaUpgrade.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            // The create fails with "already exists", as it does for the loser of two processes racing.
            assertTrue(SchemaUpgrade.create(tx, thread));
        } finally {
            log.removeHandler(handler);
        }
        assertEquals(List.of(), warnings);
    }
}
