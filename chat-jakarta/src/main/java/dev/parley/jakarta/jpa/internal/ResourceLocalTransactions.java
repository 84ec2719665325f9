package dev.parley.jakarta.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

import java.util.function.Function;

/** {@link Transactions} through {@link EntityTransaction}: begin, work, commit, rollback on any failure. */
final class ResourceLocalTransactions extends Transactions {

    ResourceLocalTransactions(EntityManagerFactory emf) {
        super(emf);
    }

    @Override
    <T> T execute(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                T result = work.apply(em);
                tx.commit();
                return result;
            } catch (RuntimeException | Error e) {
                if (tx.isActive()) {
                    try {
                        tx.rollback();
                    } catch (RuntimeException rollbackFailure) {
                        e.addSuppressed(rollbackFailure);
                    }
                }
                throw e;
            }
        } finally {
            em.close();
        }
    }
}
