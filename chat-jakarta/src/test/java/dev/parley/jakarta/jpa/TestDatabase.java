package dev.parley.jakarta.jpa;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database for one test: a fresh in-memory H2 or Derby database, or the PostgreSQL database named by
 * {@code PARLEY_TEST_POSTGRES_URL} with every {@code parley_} table dropped first. {@link #open()}
 * builds a new entity manager factory on it each time, as a separate process would; {@link #close()}
 * closes them all. Public for the tests of {@code jpa.internal}, which need the package-private
 * pieces there.
 */
public final class TestDatabase implements AutoCloseable {

    static final String POSTGRES_ENV = "PARLEY_TEST_POSTGRES_URL";
    private static final AtomicInteger H2_NAMES = new AtomicInteger();
    private static final AtomicInteger DERBY_NAMES = new AtomicInteger();

    private final String url;
    private final boolean h2;
    private final List<JpaStores> opened = new ArrayList<>();

    private TestDatabase(String url, boolean h2) {
        this.url = url;
        this.h2 = h2;
    }

    /** A new, empty in-memory H2 database, shared by name by every factory of this JVM. */
    public static TestDatabase h2() {
        return new TestDatabase("jdbc:h2:mem:parley" + H2_NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", true);
    }

    /** A new, empty in-memory Derby database: the default data source of GlassFish and Payara. */
    public static TestDatabase derby() {
        // The starter's Hibernate run of these tests leaves Derby out (H2 and PostgreSQL there).
        Assumptions.assumeTrue(derbyPresent(), "Derby's driver is not on this class path");
        return new TestDatabase("jdbc:derby:memory:parley" + DERBY_NAMES.incrementAndGet() + ";create=true", false);
    }

    /** The PostgreSQL test database with no parley_ tables (nor their schema history); skips the test when it is not configured. */
    public static TestDatabase postgres() {
        String url = System.getenv(POSTGRES_ENV);
        Assumptions.assumeTrue(url != null && !url.isBlank(), "set " + POSTGRES_ENV
                + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres to run the PostgreSQL tests");
        TestDatabase db = new TestDatabase(url, false);
        db.dropParleyTables();
        return db;
    }

    private static boolean derbyPresent() {
        try {
            Class.forName("org.apache.derby.jdbc.EmbeddedDriver", false, TestDatabase.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public String url() {
        return url;
    }

    /** A new factory (a "process") on this database, closed with the database. */
    public JpaStores open() {
        JpaStores stores = JpaStores.resourceLocal(url, null, null);
        opened.add(stores);
        return stores;
    }

    /** This database as a data source, for {@link JpaStores#prepareSchema} ahead of a factory a test builds itself. */
    public javax.sql.DataSource dataSource() {
        return new dev.parley.jakarta.jpa.internal.UrlDataSource(url, null, null);
    }

    /** A plain JDBC connection, to look at the schema and data behind JPA's back. */
    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Empties every parley_ table but the schema's history, keeping the schema. */
    void truncate() {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            for (String table : parleyTables(c)) {
                if (table.equalsIgnoreCase("parley_schema_history")) {
                    continue;
                }
                s.execute("TRUNCATE TABLE " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
    }

    private void dropParleyTables() {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            for (String table : parleyTables(c)) {
                s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the PostgreSQL test database at " + url, e);
        }
    }

    static List<String> parleyTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        // Only the connection's own schema: other schemas of a shared database (a benchmark's, another
        // test's) may hold parley_ tables of their own.
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.toLowerCase(java.util.Locale.ROOT).startsWith("parley_")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    @Override
    public void close() throws SQLException {
        opened.forEach(JpaStores::close);
        opened.clear();
        if (h2) {
            try (Connection c = jdbc(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }
}
