package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.ChatException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a unit of work in one database transaction, on a fresh {@link EntityManager} that is
 * closed afterwards, and translates persistence failures into the contract's codes.
 *
 * <p>Two variants: {@link #resourceLocal} drives the entity manager's own transaction;
 * {@link #jta} drives the container's {@code UserTransaction}. Instances are thread-safe: each
 * call uses its own entity manager.
 */
public abstract class Transactions {

    final EntityManagerFactory emf;

    Transactions(EntityManagerFactory emf) {
        this.emf = Objects.requireNonNull(emf, "emf");
    }

    /** Transactions of a RESOURCE_LOCAL unit. */
    public static Transactions resourceLocal(EntityManagerFactory emf) {
        return new ResourceLocalTransactions(emf);
    }

    /**
     * Transactions of a container-managed JTA unit, through the container's
     * {@code java:comp/UserTransaction}, looked up now (so call this on a container thread).
     *
     * @throws IllegalStateException when no UserTransaction can be looked up
     */
    public static Transactions jta(EntityManagerFactory emf) {
        return new JtaTransactions(emf, JtaTransactions.lookUpUserTransaction());
    }

    /**
     * Builds a persistence unit and makes it connect, so that a wrong URL or a database that is
     * down shows at once rather than at the first store call.
     *
     * @throws ChatException         UNAVAILABLE when the database cannot be reached
     * @throws IllegalStateException when no provider can build the unit
     */
    public static EntityManagerFactory connect(String unit, Map<String, ?> properties) {
        EntityManagerFactory emf;
        try {
            emf = Persistence.createEntityManagerFactory(unit, properties);
        } catch (PersistenceException e) {
            SQLException unreachable = Failures.hasSqlCause(e) ? null : unreachable(properties);
            if (unreachable != null) {
                // The provider lost the driver's error on its way (Hibernate 6.6 fails its JDBC set-up with
                // a NullPointerException when the first connection fails): the driver says it again.
                throw ChatException.unavailable("database unavailable: " + Failures.describe(unreachable), e);
            }
            if (!Failures.hasSqlCause(e)) {
                throw new IllegalStateException("cannot build the persistence unit " + unit + " (is a Jakarta"
                        + " Persistence provider, e.g. EclipseLink, on the class path?): " + e.getMessage(), e);
            }
            throw ChatException.unavailable("database unavailable: " + Failures.describe(e), e);
        }
        try {
            resourceLocal(emf).inTransaction(em -> null); // a lazy provider deploys (and connects) here
        } catch (RuntimeException e) {
            emf.close();
            throw e;
        }
        return emf;
    }

    /** The driver's refusal of a plain connection with the unit's URL and credentials; null if it connects or none is given. */
    private static SQLException unreachable(Map<String, ?> properties) {
        Object url = properties.get("jakarta.persistence.jdbc.url");
        if (!(url instanceof String jdbcUrl)) {
            return null;
        }
        Object user = properties.get("jakarta.persistence.jdbc.user");
        Object password = properties.get("jakarta.persistence.jdbc.password");
        try (Connection c = DriverManager.getConnection(jdbcUrl,
                user == null ? null : user.toString(), password == null ? null : password.toString())) {
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /**
     * Runs {@code work} in a transaction and commits it.
     *
     * @throws ChatException UNAVAILABLE when the database fails (cannot connect, a statement or
     *                       the commit fails, a constraint is violated)
     */
    public final <T> T inTransaction(Function<EntityManager, T> work) {
        return run(work, null);
    }

    /**
     * Runs {@code work} in a transaction and commits it; when a unique constraint is violated
     * (another transaction stored the same key first), the transaction is rolled back and
     * {@code onDuplicate}'s result returned instead.
     *
     * @throws ChatException UNAVAILABLE for any other database failure
     */
    public final <T> T inTransaction(Function<EntityManager, T> work, Supplier<T> onDuplicate) {
        return run(work, Objects.requireNonNull(onDuplicate, "onDuplicate"));
    }

    private <T> T run(Function<EntityManager, T> work, Supplier<T> onDuplicate) {
        Objects.requireNonNull(work, "work");
        try {
            return execute(work);
        } catch (ChatException e) {
            throw e;
        } catch (Exception e) {
            if (onDuplicate != null && Failures.isUniqueViolation(e)) {
                return onDuplicate.get();
            }
            if (!emf.isOpen()) {
                throw ChatException.unavailable("database unavailable: the stores were closed", e);
            }
            if (e instanceof RuntimeException runtime && !Failures.isDatabaseFailure(runtime)) {
                throw runtime; // a programming error or a refusal of ours, not the database's
            }
            throw ChatException.unavailable("database unavailable: " + Failures.describe(e), e);
        }
    }

    /** Runs the work in a transaction, commits, and always releases the entity manager. */
    abstract <T> T execute(Function<EntityManager, T> work) throws Exception;
}
