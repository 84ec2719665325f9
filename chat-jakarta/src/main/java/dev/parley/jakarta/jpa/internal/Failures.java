package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.PersistenceException;

import java.net.ConnectException;
import java.sql.SQLException;

/**
 * Classifies what a persistence provider threw. Providers wrap driver errors differently (and
 * EclipseLink sometimes not at all), so the classification walks the cause chain for the
 * {@link SQLException} and reads its standard SQLState.
 */
final class Failures {

    private Failures() {
    }

    /** Whether a unique (or other integrity) constraint refused a write: SQLState class 23. */
    static boolean isUniqueViolation(Throwable t) {
        SQLException sql = sqlException(t);
        return sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("23");
    }

    /** Whether a driver error (an {@link SQLException}) or a refused connection is among the causes. */
    static boolean hasSqlCause(Throwable t) {
        return sqlException(t) != null || hasCause(t, ConnectException.class);
    }

    /** Whether the failure came from the database or the provider rather than from our own code. */
    static boolean isDatabaseFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PersistenceException || c instanceof SQLException || c instanceof ConnectException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /**
     * A short description fit for a user: the kind of failure and the SQLState, never SQL text
     * or table names.
     */
    static String describe(Throwable t) {
        SQLException sql = sqlException(t);
        if (hasCause(t, ConnectException.class)) {
            return "connection refused";
        }
        if (sql == null || sql.getSQLState() == null) {
            return "the transaction failed";
        }
        String state = sql.getSQLState();
        String kind = switch (state.length() >= 2 ? state.substring(0, 2) : state) {
            case "08" -> "cannot connect";
            case "23" -> "a constraint was violated";
            case "40" -> "the transaction was rolled back";
            case "53", "57", "HY" -> "the database refused or timed out";
            default -> "a statement failed";
        };
        return kind + " (SQLState " + state + ")";
    }

    private static SQLException sqlException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                return sql;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
