package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.ChatException;
import jakarta.persistence.EntityManager;

import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes a commit durable before the stores report it, where the database leaves that to a setting,
 * and says in the log when it is not.
 *
 * <p>An ack (and every {@code 2xx} answer) is sent once the store's transaction has committed, so
 * the commit itself must be durable: it must survive a crash of the process that sent the ack.
 * Per database:
 * <ul>
 *   <li><b>H2</b> keeps commits in memory for {@code WRITE_DELAY} ms (500 by default) before
 *       writing them to its file, so a {@code kill -9} loses the last half second of acknowledged
 *       messages. {@link #ensure} sets {@code WRITE_DELAY 0}: each commit (one per group-committed
 *       batch of appends) is written to the file before it returns. H2 does not fsync a commit, so
 *       this holds against a crash of the process, not against a power loss.</li>
 *   <li><b>PostgreSQL</b> flushes the WAL to disk at each commit while {@code synchronous_commit}
 *       is {@code on} (its default) and {@code fsync} is on: durable against a crash of the server
 *       and of the machine. {@link #ensure} warns when either is off.</li>
 *   <li><b>Derby</b> syncs its log at each commit unless {@code derby.system.durability=test};
 *       {@link #ensure} warns when that property is set.</li>
 * </ul>
 * Any other database is used as configured.
 */
public final class CommitDurability {
    private static final Logger LOG = Logger.getLogger(CommitDurability.class.getName());

    private CommitDurability() {
    }

    /**
     * Looks at the database behind {@code tx} and, for H2, turns the write delay off. Never fails:
     * a database that cannot be asked, or refuses the setting, gets a warning in the log.
     */
    public static void ensure(Transactions tx) {
        try {
            String product = tx.inTransaction(CommitDurability::product).toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                tx.inTransaction(em -> em.createNativeQuery("SET WRITE_DELAY 0").executeUpdate());
            } else if (product.contains("postgresql")) {
                warnIfOff(tx, "synchronous_commit", "a commit is acknowledged before PostgreSQL has flushed it, "
                        + "so a crash of the database server can lose acknowledged messages");
                warnIfOff(tx, "fsync", "PostgreSQL does not flush to disk, so a power loss can lose (or corrupt) "
                        + "acknowledged messages");
            } else if (product.contains("derby") && "test".equalsIgnoreCase(System.getProperty("derby.system.durability"))) {
                LOG.warning("derby.system.durability=test: Derby does not sync its log at commit, so a crash can "
                        + "lose acknowledged messages");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not make sure that commits are durable before they are acknowledged: "
                    + e.getMessage(), e);
        }
    }

    private static String product(EntityManager em) {
        try {
            return JdbcConnections.with(em, c -> c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw ChatException.unavailable("cannot read the database's product name: " + e.getMessage(), e);
        }
    }

    private static void warnIfOff(Transactions tx, String setting, String consequence) {
        Object value = tx.inTransaction(em -> em.createNativeQuery("SHOW " + setting).getSingleResult());
        if ("off".equalsIgnoreCase(String.valueOf(value))) {
            LOG.warning("PostgreSQL has " + setting + "=off: " + consequence + ". Set it on (the default).");
        }
    }
}
