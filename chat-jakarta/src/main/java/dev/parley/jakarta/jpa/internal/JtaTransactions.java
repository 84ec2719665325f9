package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.function.Function;

/**
 * {@link Transactions} through the container's {@code UserTransaction}.
 *
 * <p>When no transaction is active, each unit of work gets its own: begin, work, flush, commit,
 * rollback on any failure. When the caller already runs in one (a container-managed transaction),
 * the work joins it, and a failure marks it rollback-only.
 *
 * <p>The JTA API is a provided dependency: every Jakarta EE server has it, and this class is only
 * loaded by {@code JpaStores.jta}, so Java SE users of the RESOURCE_LOCAL stores need no JTA jar.
 */
final class JtaTransactions extends Transactions {

    static final String USER_TRANSACTION_NAME = "java:comp/UserTransaction";

    private final UserTransaction userTransaction;

    JtaTransactions(EntityManagerFactory emf, Object userTransaction) {
        super(emf);
        if (!(userTransaction instanceof UserTransaction ut)) {
            throw new IllegalStateException(USER_TRANSACTION_NAME + " is a " + userTransaction.getClass().getName()
                    + ", not a jakarta.transaction.UserTransaction");
        }
        this.userTransaction = ut;
    }

    static Object lookUpUserTransaction() {
        try {
            return new InitialContext().lookup(USER_TRANSACTION_NAME);
        } catch (NamingException e) {
            throw new IllegalStateException("no " + USER_TRANSACTION_NAME + " to look up: create JTA stores on a"
                    + " thread of a Jakarta EE container, or use JpaStores.resourceLocal in Java SE", e);
        }
    }

    @Override
    <T> T execute(Function<EntityManager, T> work) throws Exception {
        boolean own = userTransaction.getStatus() == Status.STATUS_NO_TRANSACTION;
        if (own) {
            userTransaction.begin();
        }
        EntityManager em = null;
        try {
            em = emf.createEntityManager();
            em.joinTransaction();
            T result = work.apply(em);
            em.flush(); // so that a violated constraint surfaces here, before the commit
            if (own) {
                userTransaction.commit();
            }
            return result;
        } catch (Exception | Error e) {
            try {
                if (own) {
                    userTransaction.rollback();
                } else {
                    userTransaction.setRollbackOnly();
                }
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
}
