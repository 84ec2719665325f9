package dev.parley.jakarta.jpa.internal;

import dev.parley.jakarta.jpa.SchemaMode;
import dev.parley.protocol.ChatException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.api.resource.LoadableResource;

import javax.sql.DataSource;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The versioned {@code parley_*} schema: Flyway migrations, one SQL script per version and database
 * under {@code META-INF/parley/db/{h2,derby,postgresql}/}, with their history in
 * {@value #HISTORY_TABLE} beside the other tables. {@code V1} is the schema the v1 release's
 * persistence unit generated, {@code V2} everything v2 added.
 *
 * <p>A database the v1 release wrote has the tables but no history table: it is baselined at
 * version 1 (Flyway's {@code baselineOnMigrate}), so that only V2 runs on it. A schema that holds
 * other tables but no Parley's (an application's database) is baselined at 0, so that V1 and V2
 * both run. Several processes may migrate one database at once: Flyway locks the history table,
 * and the one that comes second finds nothing pending.
 *
 * <p>The scripts are listed here, not found by scanning the class path, so that they load the
 * same way from a module, a WAR's {@code WEB-INF/lib}, a shaded jar or a Spring Boot jar. Stateless.
 */
public final class SchemaMigrations {
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    /** The history table's name, as the database stores unquoted names it folds. */
    static final String HISTORY_TABLE = "parley_schema_history";
    /** Where the scripts are: not a package name, so a named module does not hide them. */
    static final String ROOT = "META-INF/parley/db/";
    /** The scripts of every database, in version order. A new version adds its file to each directory and here. */
    static final List<String> SCRIPTS = List.of("V1__v1_schema.sql", "V2__v2_schema.sql");
    /** The directories of the databases there are scripts for. */
    static final List<String> VENDORS = List.of("h2", "derby", "postgresql");

    private SchemaMigrations() {
    }

    /**
     * Migrates or validates the schema that {@code dataSource}'s connections see (their current schema).
     *
     * @throws ChatException          UNAVAILABLE when the database cannot be reached
     * @throws IllegalStateException  when the database is not H2, Derby or PostgreSQL, when a
     *                                migration fails, or, in {@link SchemaMode#VALIDATE}, when the
     *                                schema is not current (a one-line message naming what is pending)
     */
    public static void apply(DataSource dataSource, SchemaMode mode) {
        String vendor;
        boolean v1Tables;
        try (Connection c = dataSource.getConnection()) {
            vendor = vendor(c.getMetaData().getDatabaseProductName());
            v1Tables = tableExists(c, "parley_users");
        } catch (SQLException e) {
            throw ChatException.unavailable("database unavailable: " + e.getMessage(), e);
        }
        Flyway flyway = flyway(dataSource, vendor, v1Tables ? "1" : "0");
        try {
            if (mode == SchemaMode.VALIDATE) {
                validate(flyway, vendor);
            } else {
                org.flywaydb.core.api.output.MigrateResult result = flyway.migrate();
                if (result.migrationsExecuted > 0) {
                    // An upgrade is news for whoever runs the server; the tables of a new database are not.
                    LOG.log(v1Tables ? java.util.logging.Level.INFO : java.util.logging.Level.FINE,
                            "migrated the parley_ schema on " + vendor + ": " + result.migrationsExecuted
                                    + " migration(s) applied, now at " + result.targetSchemaVersion);
                }
            }
        } catch (FlywayException e) {
            throw new IllegalStateException("cannot " + mode.name().toLowerCase(Locale.ROOT) + " the parley_ schema: "
                    + oneLine(e.getMessage()), e);
        }
    }

    private static void validate(Flyway flyway, String vendor) {
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length > 0) {
            MigrationInfo current = flyway.info().current();
            throw new IllegalStateException("the parley_ schema is not current (at " + (current == null ? "no version"
                    : "version " + current.getVersion()) + ", pending: " + Arrays.stream(pending)
                    .map(m -> "V" + m.getVersion() + " " + m.getDescription()).collect(Collectors.joining(", "))
                    + "): start once in migrate mode, or apply " + ROOT + vendor + "/ yourself");
        }
        ValidateResult result = flyway.validateWithResult();
        if (!result.validationSuccessful) {
            throw new IllegalStateException("the parley_ schema does not match this release's migrations: "
                    + oneLine(result.getAllErrorMessages()));
        }
    }

    static Flyway flyway(DataSource dataSource, String vendor, String baselineVersion) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .table("postgresql".equals(vendor) ? HISTORY_TABLE : HISTORY_TABLE.toUpperCase(Locale.ROOT))
                .locations("classpath:" + ROOT + vendor)
                .resourceProvider(new Scripts(vendor))
                .javaMigrationClassProvider(List::of)
                .placeholderReplacement(false)
                .baselineOnMigrate(true)
                .baselineVersion(baselineVersion)
                .baselineDescription(baselineVersion.equals("1") ? "v1 schema of an earlier release" : "before Parley")
                .load();
    }

    /** The directory of a database's scripts, from its JDBC product name. */
    static String vendor(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return "h2";
        }
        if (p.contains("derby")) {
            return "derby";
        }
        if (p.contains("postgresql")) {
            return "postgresql";
        }
        throw new IllegalStateException("Parley's schema migrations are for H2, Derby and PostgreSQL, not " + productName);
    }

    static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String stored = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        try (ResultSet rs = meta.getTables(null, c.getSchema(), stored, new String[]{"TABLE"})) {
            return rs.next();
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The scripts of one database, read from this module's own resources. */
    private static final class Scripts implements ResourceProvider {
        private final String vendor;

        Scripts(String vendor) {
            this.vendor = vendor;
        }

        @Override
        public LoadableResource getResource(String name) {
            return SCRIPTS.contains(name) ? new Script(vendor, name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> out = new ArrayList<>();
            for (String name : SCRIPTS) {
                if (name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith)) {
                    out.add(new Script(vendor, name));
                }
            }
            return out;
        }
    }

    /** One script, read as UTF-8. */
    private static final class Script extends LoadableResource {
        private final String path;
        private final String name;

        Script(String vendor, String name) {
            this.path = ROOT + vendor + "/" + name;
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = SchemaMigrations.class.getResourceAsStream("/" + path);
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing from chat-jakarta's jar: " + path));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return path;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
