package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.ChatException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.EntityType;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds to an existing schema the indexes that its tables lack, when the stores open.
 *
 * <p>Why: the persistence unit creates or extends the schema ({@code create-or-extend-tables}),
 * which gives a database written by an earlier release its new tables and columns, but no new index
 * on a table it already has. Without them a thread page, or the DELETE of a message, would scan
 * the room. So the indexes the entities declare ({@code @Table(indexes = ...)}, the one place they
 * are written) are looked up in the database's metadata, and the missing ones created, each in a
 * transaction of its own (PostgreSQL aborts a transaction whose statement failed).
 *
 * <p>Several processes may open one database at once: when a create fails, the index is looked up
 * again, and a process that lost the race to create it finds it there. Only an index still missing
 * after that is reported, as a warning: an index makes reads fast, and its absence loses no data,
 * so the stores open anyway. Building an index on a large table takes a while (and, on
 * PostgreSQL, holds back writes to it), once, at the first start after an upgrade.
 */
public final class SchemaUpgrade {
    private static final Logger LOG = Logger.getLogger(SchemaUpgrade.class.getName());

    private SchemaUpgrade() {
    }

    /** An index one of the entities declares. */
    record DeclaredIndex(String table, String name, String columns, boolean unique) {
        String createStatement() {
            return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + name + " ON " + table + " (" + columns + ")";
        }
    }

    /**
     * Creates every index the entities of this package declare that the database lacks. Never
     * fails: what it cannot do it logs.
     */
    public static void ensureIndexes(Transactions tx) {
        try {
            List<DeclaredIndex> declared = tx.inTransaction(SchemaUpgrade::declared);
            for (DeclaredIndex index : tx.inTransaction(em -> missing(em, declared))) {
                create(tx, index);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not check the indexes of the parley_ tables: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the index, or finds that another process did.
     *
     * @return whether the index exists now
     */
    static boolean create(Transactions tx, DeclaredIndex index) {
        try {
            tx.inTransaction(em -> em.createNativeQuery(index.createStatement()).executeUpdate());
            LOG.info("created the index " + index.name() + " on " + index.table()
                    + " (missing from a schema an earlier release created)");
            return true;
        } catch (ChatException failure) {
            if (tx.inTransaction(em -> missing(em, List.of(index))).isEmpty()) {
                return true; // another process opening the same database created it first
            }
            LOG.log(Level.WARNING, "could not create the index " + index.name() + " on " + index.table()
                    + ", so reads that need it scan the table: " + failure.getMessage(), failure);
            return false;
        }
    }

    /** The indexes declared on this package's entities (a caller's unit may list entities of its own). */
    static List<DeclaredIndex> declared(EntityManager em) {
        List<DeclaredIndex> out = new ArrayList<>();
        List<EntityType<?>> entities = new ArrayList<>(em.getMetamodel().getEntities());
        entities.sort(Comparator.comparing(EntityType::getName));
        for (EntityType<?> entity : entities) {
            Class<?> type = entity.getJavaType();
            Table table = type.getAnnotation(Table.class);
            if (table == null || !type.getPackageName().equals(SchemaUpgrade.class.getPackageName())) {
                continue;
            }
            for (Index index : table.indexes()) {
                out.add(new DeclaredIndex(table.name(), index.name(), index.columnList(), index.unique()));
            }
        }
        return out;
    }

    /** Those of {@code indexes} the database's metadata does not list, compared without regard to case. */
    static List<DeclaredIndex> missing(EntityManager em, List<DeclaredIndex> indexes) {
        try {
            return JdbcConnections.with(em, c -> {
                List<DeclaredIndex> out = new ArrayList<>();
                for (DeclaredIndex index : indexes) {
                    if (!indexNames(c, index.table()).contains(index.name().toLowerCase(Locale.ROOT))) {
                        out.add(index);
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            throw ChatException.unavailable("cannot read the schema: " + e.getMessage(), e);
        }
    }

    private static Set<String> indexNames(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        // The catalog keeps an unquoted name in the case the database folds it to (H2, Derby: upper; PostgreSQL: lower).
        String stored = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        Set<String> names = new HashSet<>();
        try (ResultSet rs = meta.getIndexInfo(null, c.getSchema(), stored, false, true)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
