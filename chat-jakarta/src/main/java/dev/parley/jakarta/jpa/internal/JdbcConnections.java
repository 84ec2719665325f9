package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The JDBC connection of an entity manager's transaction, to read the database's metadata with
 * (its product name, its indexes). Jakarta Persistence 3.1 has no portable way to it, so each
 * provider is asked its own way: {@code EntityManager.unwrap(Connection.class)}, which EclipseLink
 * (and OpenJPA) answer inside a transaction; and, for Hibernate, which refuses that unwrap, its
 * {@code Session.doReturningWork}, reached by reflection so that this module does not depend on
 * Hibernate. Any other provider that refuses the unwrap gets an {@link IllegalStateException},
 * which the callers log (an index or a durability check is skipped, no data is at risk).
 */
final class JdbcConnections {
    private static final String HIBERNATE_SESSION = "org.hibernate.Session";
    private static final String HIBERNATE_WORK = "org.hibernate.jdbc.ReturningWork";

    /** Work on a connection that the provider owns: never close it. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private JdbcConnections() {
    }

    /**
     * Runs {@code work} on the connection of {@code em}'s current transaction.
     *
     * @throws SQLException          what the work threw
     * @throws IllegalStateException when the provider gives no connection
     */
    static <T> T with(EntityManager em, Work<T> work) throws SQLException {
        if (isHibernate(em)) {
            return hibernate(em, work);
        }
        Connection c;
        try {
            c = em.unwrap(Connection.class);
        } catch (PersistenceException | IllegalArgumentException e) {
            throw new IllegalStateException("the persistence provider (" + em.getClass().getName()
                    + ") gives no JDBC connection to read the schema with", e);
        }
        if (c == null) {
            throw new IllegalStateException("the persistence provider gives no JDBC connection to read the schema with");
        }
        return work.apply(c);
    }

    /** Whether {@code em} is Hibernate's (its class loader sees a Hibernate session that it is). */
    static boolean isHibernate(EntityManager em) {
        try {
            return Class.forName(HIBERNATE_SESSION, false, em.getClass().getClassLoader()).isInstance(em)
                    || em.getDelegate() != null
                    && Class.forName(HIBERNATE_SESSION, false, em.getDelegate().getClass().getClassLoader()).isInstance(em.getDelegate());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T hibernate(EntityManager em, Work<T> work) throws SQLException {
        try {
            ClassLoader loader = em.getClass().getClassLoader();
            Class<?> sessionType = Class.forName(HIBERNATE_SESSION, false, loader);
            Class<?> workType = Class.forName(HIBERNATE_WORK, false, sessionType.getClassLoader());
            Object session = em.unwrap(sessionType);
            Object returningWork = Proxy.newProxyInstance(workType.getClassLoader(), new Class<?>[]{workType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "execute" -> work.apply((Connection) args[0]);
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "Parley's JDBC work";
                    });
            Method doReturningWork = sessionType.getMethod("doReturningWork", workType);
            return (T) doReturningWork.invoke(session, returningWork);
        } catch (InvocationTargetException e) {
            SQLException sql = sqlCause(e.getCause());
            if (sql != null) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Hibernate's JDBC work failed", e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot reach Hibernate's JDBC connection: " + e, e);
        }
    }

    private static SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
