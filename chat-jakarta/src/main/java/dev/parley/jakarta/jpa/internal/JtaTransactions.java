package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Function;

/**
 * {@link Transactions} through the container's {@code UserTransaction}.
 *
 * <p>When no transaction is active, each unit of work gets its own: begin, work, flush, commit,
 * rollback on any failure. When the caller already runs in one (a container-managed transaction),
 * the work joins it, and a failure marks it rollback-only.
 *
 * <p>The JTA API ({@code jakarta.transaction}) is reached by reflection: every Jakarta EE server
 * has it, but this module does not depend on it, so that Java SE users of the RESOURCE_LOCAL
 * stores need nothing beyond the persistence API.
 */
final class JtaTransactions extends Transactions {

    static final String USER_TRANSACTION_NAME = "java:comp/UserTransaction";
    private static final int STATUS_NO_TRANSACTION = 6; // jakarta.transaction.Status.STATUS_NO_TRANSACTION

    private final Object userTransaction;
    private final Method begin;
    private final Method commit;
    private final Method rollback;
    private final Method setRollbackOnly;
    private final Method getStatus;

    JtaTransactions(EntityManagerFactory emf, Object userTransaction) {
        super(emf);
        this.userTransaction = userTransaction;
        Class<?> api = userTransactionInterface(userTransaction);
        try {
            begin = api.getMethod("begin");
            commit = api.getMethod("commit");
            rollback = api.getMethod("rollback");
            setRollbackOnly = api.getMethod("setRollbackOnly");
            getStatus = api.getMethod("getStatus");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(api.getName() + " lacks a method of the JTA API", e);
        }
    }

    static Object lookUpUserTransaction() {
        try {
            return new InitialContext().lookup(USER_TRANSACTION_NAME);
        } catch (NamingException e) {
            throw new IllegalStateException("no " + USER_TRANSACTION_NAME + " to look up: create JTA stores on a"
                    + " thread of a Jakarta EE container, or use JpaStores.resourceLocal in Java SE", e);
        }
    }

    /** The UserTransaction interface the object implements (its class may not be public). */
    private static Class<?> userTransactionInterface(Object userTransaction) {
        for (Class<?> c = userTransaction.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals("jakarta.transaction.UserTransaction")) {
                    return i;
                }
            }
        }
        throw new IllegalStateException(USER_TRANSACTION_NAME + " is a " + userTransaction.getClass().getName()
                + ", not a jakarta.transaction.UserTransaction");
    }

    @Override
    <T> T execute(Function<EntityManager, T> work) throws Exception {
        boolean own = (int) call(getStatus) == STATUS_NO_TRANSACTION;
        if (own) {
            call(begin);
        }
        EntityManager em = null;
        try {
            em = emf.createEntityManager();
            em.joinTransaction();
            T result = work.apply(em);
            em.flush(); // so that a violated constraint surfaces here, before the commit
            if (own) {
                call(commit);
            }
            return result;
        } catch (Exception | Error e) {
            try {
                call(own ? rollback : setRollbackOnly);
            } catch (Exception rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            if (em != null) {
                em.close();
            }
        }
    }

    /** Calls a UserTransaction method, rethrowing what it threw (its checked JTA exceptions included). */
    private Object call(Method method) throws Exception {
        try {
            return method.invoke(userTransaction);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
