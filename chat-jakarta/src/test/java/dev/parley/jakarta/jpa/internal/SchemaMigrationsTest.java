package dev.parley.jakarta.jpa.internal;

import dev.parley.jakarta.jpa.JpaStores;
import dev.parley.jakarta.jpa.SchemaMode;
import dev.parley.jakarta.jpa.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SchemaMigrations}: the migrated schema is the one the entities map (on EclipseLink, exactly
 * what it would generate from them; on Hibernate, what its schema validation accepts), a v1 database
 * migrated by V2 has the schema of a fresh one, and validate mode refuses a schema with a pending
 * migration; on H2, Derby and (with {@code PARLEY_TEST_POSTGRES_URL}) PostgreSQL.
 */
class SchemaMigrationsTest {

    /** The PostgreSQL search column and index, which no entity maps (PostgresSearch queries them natively). */
    private static final List<String> POSTGRES_SEARCH = List.of(
            "ALTER TABLE parley_messages ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (CASE WHEN kind IN"
                    + " ('CHAT', 'PRIVATE', 'FILE_SHARED') THEN to_tsvector('simple'::regconfig,"
                    + " regexp_replace(body, '[[:punct:]]+', ' ', 'g')) END) STORED",
            "CREATE INDEX parley_messages_search ON parley_messages USING GIN (search_tsv)");

    private static TestDatabase database(String name) {
        return switch (name) {
            case "h2" -> TestDatabase.h2();
            case "derby" -> TestDatabase.derby();
            case "postgres" -> TestDatabase.postgres();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static boolean hibernate() {
        return ProviderTuning.properties().containsKey("hibernate.jdbc.batch_size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby", "postgres"})
    void theMigratedSchemaIsWhatEclipseLinkGeneratesFromTheEntities(String name) throws Exception {
        Assumptions.assumeFalse(hibernate(), "compares with EclipseLink's DDL generation");
        String migrated;
        try (TestDatabase db = database(name)) {
            SchemaMigrations.apply(db.dataSource(), SchemaMode.MIGRATE);
            migrated = describe(db);
        }
        String generated;
        try (TestDatabase db = database(name)) {
            Map<String, Object> properties = new HashMap<>(Map.of("jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                    "jakarta.persistence.jdbc.url", db.url(),
                    "eclipselink.ddl-generation", "create-tables",
                    "eclipselink.ddl-generation.output-mode", "database"));
            Transactions.connect(JpaStores.UNIT, properties).close();
            if (name.equals("postgres")) {
                try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
                    // The body as V1 made it (the entity leaves its type to the schema), so that the
                    // generated search column's expression reads the same.
                    s.execute("ALTER TABLE parley_messages ALTER COLUMN body TYPE text");
                    for (String ddl : POSTGRES_SEARCH) {
                        s.execute(ddl);
                    }
                }
            }
            generated = describe(db);
        }
        assertTrue(migrated.contains("parley_sanctions\n") && migrated.contains("  index [room_id, thread_id, seq] parley_messages_thread\n"),
                migrated);
        assertEquals(name.equals("postgres"), migrated.contains("column search_tsv tsvector"), migrated);
        // The body is the one column the entity does not describe: unbounded text of each database's
        // kind (MessageEntity maps it as a plain string), as V1 made it.
        String body = switch (name) {
            case "h2" -> "  column body CHARACTER VARYING(1000000000) not null\n";
            case "derby" -> "  column body CLOB(2147483647) not null\n";
            default -> "  column body text(2147483647) not null\n";
        };
        assertTrue(migrated.contains(body), migrated);
        assertEquals(generated.replaceAll("  column body [^\n]*\n", ""), migrated.replace(body, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void hibernateValidatesTheEntitiesAgainstTheMigratedSchema(String name) throws Exception {
        Assumptions.assumeTrue(hibernate(), "Hibernate's schema validation");
        try (TestDatabase db = database(name)) {
            SchemaMigrations.apply(db.dataSource(), SchemaMode.MIGRATE);
            EntityManagerFactory emf = Transactions.connect(JpaStores.UNIT, Map.of(
                    "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                    "jakarta.persistence.jdbc.url", db.url(),
                    "hibernate.hbm2ddl.auto", "validate"));
            emf.close();
        }
    }

    /** A v1 database as the v1 release left it: V1's tables and no history table (Derby and PostgreSQL; H2 below has the real one). */
    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgres"})
    void aV1DatabaseMigratedByV2HasTheSchemaOfAFreshOne(String name) throws Exception {
        String fresh;
        try (TestDatabase db = database(name)) {
            SchemaMigrations.apply(db.dataSource(), SchemaMode.MIGRATE);
            fresh = describe(db);
        }
        try (TestDatabase db = database(name)) {
            String vendor = name.equals("postgres") ? "postgresql" : name;
            Flyway.configure(SchemaMigrations.class.getClassLoader())
                    .configuration(SchemaMigrations.flyway(db.dataSource(), vendor, "0").getConfiguration())
                    .target("1").load().migrate();
            try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + (name.equals("postgres") ? "parley_schema_history" : "\"PARLEY_SCHEMA_HISTORY\""));
                s.execute("INSERT INTO parley_users (username_key, created_at_ms, user_id, username)"
                        + " VALUES ('alice', 1, 'id-alice', 'alice')");
            }
            try (JpaStores stores = JpaStores.resourceLocal(db.url(), null, null)) {
                assertEquals("id-alice", stores.users().find("ALICE").orElseThrow().user().id());
            }
            assertEquals(fresh, describe(db));
            assertEquals(List.of("1 v1 schema of an earlier release", "2 v2 schema"), history(db));
        }
    }

    @Test
    void theV1FixtureMigratedHasTheSchemaOfAFreshH2(@TempDir Path dir) throws Exception {
        String fresh;
        try (TestDatabase db = TestDatabase.h2()) {
            SchemaMigrations.apply(db.dataSource(), SchemaMode.MIGRATE);
            fresh = describe(db);
        }
        try (InputStream in = SchemaMigrationsTest.class.getResourceAsStream("/fixtures/v1-h2/db/parley.mv.db")) {
            assertNotNull(in);
            Files.copy(in, dir.resolve("parley.mv.db"));
        }
        String url = "jdbc:h2:file:" + dir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
        UrlDataSource v1 = new UrlDataSource(url, "sa", "");
        SchemaMigrations.apply(v1, SchemaMode.MIGRATE);
        try (Connection c = v1.getConnection()) {
            assertEquals(fresh, describe(c));
            assertEquals(List.of("1 v1 schema of an earlier release", "2 v2 schema"), history(c));
        }
        SchemaMigrations.apply(v1, SchemaMode.VALIDATE); // current now: opens
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "derby", "postgres"})
    void validateRefusesASchemaWithAPendingMigrationInOneLine(String name) throws Exception {
        try (TestDatabase db = database(name)) {
            String vendor = name.equals("postgres") ? "postgresql" : name;
            Flyway.configure(SchemaMigrations.class.getClassLoader())
                    .configuration(SchemaMigrations.flyway(db.dataSource(), vendor, "0").getConfiguration())
                    .target("1").load().migrate();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> JpaStores.resourceLocal(db.url(), null, null, SchemaMode.VALIDATE));
            assertEquals("the parley_ schema is not current (at version 1, pending: V2 v2 schema): start once in"
                    + " migrate mode, or apply META-INF/parley/db/" + vendor + "/ yourself", e.getMessage());
            assertEquals(List.of("1 v1 schema"), history(db)); // nothing applied
            JpaStores.resourceLocal(db.url(), null, null, SchemaMode.MIGRATE).close();
            JpaStores.resourceLocal(db.url(), null, null, SchemaMode.VALIDATE).close();
        }
    }

    @Test
    void validateRefusesAnEmptyDatabase() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> JpaStores.resourceLocal(db.url(), null, null, SchemaMode.VALIDATE));
            assertTrue(e.getMessage().startsWith("the parley_ schema is not current (at no version, pending: V1 v1 schema,"
                    + " V2 v2 schema)"), e.getMessage());
            try (Connection c = db.jdbc()) {
                assertFalse(SchemaMigrations.tableExists(c, "parley_users"));
            }
        }
    }

    @Test
    void anApplicationsOwnTablesAreLeftAloneAndParleysCreatedBesideThem() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE app_orders (id BIGINT PRIMARY KEY)");
                s.execute("INSERT INTO app_orders VALUES (7)");
            }
            try (JpaStores stores = JpaStores.resourceLocal(db.url(), null, null)) {
                assertTrue(stores.users().find("nobody").isEmpty());
            }
            try (Connection c = db.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM app_orders")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getLong(1));
            }
            assertEquals(List.of("0 before Parley", "1 v1 schema", "2 v2 schema"), history(db));
        }
    }

    @Test
    void everyScriptIsListedForEveryDatabase() throws Exception {
        for (String vendor : SchemaMigrations.VENDORS) {
            java.net.URI uri = SchemaMigrations.class.getResource("/" + SchemaMigrations.ROOT + vendor).toURI();
            // a directory here; inside chat-jakarta's jar when the Spring starter runs this class
            try (java.nio.file.FileSystem jar = "jar".equals(uri.getScheme())
                    ? java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of()) : null) {
                Path dir = Path.of(uri);
                TreeSet<String> files = new TreeSet<>();
                try (var list = Files.list(dir)) {
                    list.forEach(p -> files.add(p.getFileName().toString()));
                }
                assertEquals(new TreeSet<>(SchemaMigrations.SCRIPTS), files, vendor);
            }
        }
    }

    @Test
    void aDatabaseOtherThanH2DerbyOrPostgresqlIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SchemaMigrations.vendor("MySQL"));
        assertEquals("Parley's schema migrations are for H2, Derby and PostgreSQL, not MySQL", e.getMessage());
    }

    private static List<String> history(TestDatabase db) throws SQLException {
        try (Connection c = db.jdbc()) {
            return history(c);
        }
    }

    private static List<String> history(Connection c) throws SQLException {
        String table = c.getMetaData().storesUpperCaseIdentifiers() ? "\"PARLEY_SCHEMA_HISTORY\"" : "parley_schema_history";
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                // Flyway quotes its column names: lower case on every database.
                "SELECT \"version\", \"description\" FROM " + table + " WHERE \"version\" IS NOT NULL"
                        + " ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static String describe(TestDatabase db) throws SQLException {
        try (Connection c = db.jdbc()) {
            return describe(c);
        }
    }

    /**
     * The parley_ tables of the connection's schema, the history left out: each column's type, size,
     * nullability and default, the primary key, and every index (columns, uniqueness, and its name
     * unless the database named it), sorted, so that two schemas compare as text.
     */
    static String describe(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        TreeMap<String, List<String>> out = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                String t = rs.getString("TABLE_NAME");
                String lower = t.toLowerCase(Locale.ROOT);
                if (lower.startsWith("parley_") && !lower.equals("parley_schema_history")) {
                    tables.add(t);
                }
            }
        }
        for (String table : tables) {
            TreeSet<String> lines = new TreeSet<>();
            try (ResultSet rs = meta.getColumns(null, c.getSchema(), table, "%")) {
                while (rs.next()) {
                    String def = rs.getString("COLUMN_DEF");
                    lines.add("column " + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                            + rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE") + ")"
                            + ("NO".equals(rs.getString("IS_NULLABLE")) ? " not null" : "")
                            + (def == null ? "" : " default " + def.strip()));
                }
            }
            TreeMap<Short, String> pk = new TreeMap<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, c.getSchema(), table)) {
                while (rs.next()) {
                    pk.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            lines.add("primary key " + pk.values());
            TreeMap<String, TreeMap<Short, String>> indexes = new TreeMap<>();
            Map<String, Boolean> unique = new HashMap<>();
            try (ResultSet rs = meta.getIndexInfo(null, c.getSchema(), table, false, false)) {
                while (rs.next()) {
                    String index = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    if (index != null && column != null) {
                        indexes.computeIfAbsent(index, i -> new TreeMap<>())
                                .put(rs.getShort("ORDINAL_POSITION"), column.toLowerCase(Locale.ROOT));
                        unique.put(index, !rs.getBoolean("NON_UNIQUE"));
                    }
                }
            }
            indexes.forEach((index, columns) -> {
                String lower = index.toLowerCase(Locale.ROOT);
                boolean ours = lower.startsWith("parley_") && !lower.endsWith("_pkey") && !lower.endsWith("_key");
                lines.add((unique.get(index) ? "unique " : "") + "index " + columns.values()
                        + (ours ? " " + lower : ""));
            });
            out.put(table.toLowerCase(Locale.ROOT), List.copyOf(lines));
        }
        StringBuilder text = new StringBuilder();
        out.forEach((table, lines) -> {
            text.append(table).append('\n');
            lines.forEach(l -> text.append("  ").append(l).append('\n'));
        });
        return text.toString();
    }
}
