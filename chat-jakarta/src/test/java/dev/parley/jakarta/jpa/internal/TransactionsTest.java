package dev.parley.jakarta.jpa.internal;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Role;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@link Transactions} commits, rolls back and classifies failures (RESOURCE_LOCAL on H2). */
class TransactionsTest {

    private EntityManagerFactory emf;
    private Transactions tx;

    @BeforeEach
    void open() {
        String url = "jdbc:h2:mem:transactions;DB_CLOSE_DELAY=-1";
        SchemaMigrations.apply(new UrlDataSource(url, null, null), dev.parley.jakarta.jpa.SchemaMode.MIGRATE);
        emf = Persistence.createEntityManagerFactory("parley", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jdbc.url", url));
        tx = Transactions.resourceLocal(emf);
        tx.inTransaction(em -> em.createQuery("DELETE FROM ParleyMembership").executeUpdate());
    }

    @AfterEach
    void close() {
        if (emf.isOpen()) {
            emf.close();
        }
    }

    @Test
    void aUniqueViolationAnswersWithOnDuplicateAndStoresNothing() {
        tx.inTransaction(em -> {
            em.persist(new MembershipEntity("r", "alice", Role.OWNER));
            return null;
        });
        String answer = tx.inTransaction(em -> {
            em.persist(new MembershipEntity("r", "bob", Role.MEMBER));
            em.persist(new MembershipEntity("r", "alice", Role.MEMBER)); // no check first: the key refuses it
            return "stored";
        }, () -> "duplicate");

        assertEquals("duplicate", answer);
        assertNull(tx.inTransaction(em -> em.find(MembershipEntity.class, new MembershipEntity.Key("r", "bob"))));
        assertEquals(Role.OWNER, tx.inTransaction(
                em -> em.find(MembershipEntity.class, new MembershipEntity.Key("r", "alice")).role));
    }

    @Test
    void aUniqueViolationWithoutOnDuplicateIsUnavailable() {
        tx.inTransaction(em -> {
            em.persist(new MembershipEntity("r", "alice", Role.OWNER));
            return null;
        });
        ChatException e = assertThrows(ChatException.class, () -> tx.inTransaction(em -> {
            em.persist(new MembershipEntity("r", "alice", Role.MEMBER));
            return null;
        }));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertEquals("database unavailable: a constraint was violated (SQLState 23505)", e.getMessage());
    }

    @Test
    void aFailingStatementIsUnavailableWithNoSqlInTheMessage() {
        ChatException e = assertThrows(ChatException.class,
                () -> tx.inTransaction(em -> em.createNativeQuery("SELECT nothing FROM no_such_table").getResultList()));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().startsWith("database unavailable: a statement failed (SQLState 42"), e.getMessage());
        assertFalse(e.getMessage().contains("no_such_table"), e.getMessage());
    }

    @Test
    void ourOwnExceptionsPassThroughAndRollBackTheWork() {
        IllegalArgumentException ours = new IllegalArgumentException("no room r");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> tx.inTransaction(em -> {
            em.persist(new MembershipEntity("r", "carol", Role.MEMBER));
            em.flush();
            throw ours;
        }));
        assertSame(ours, thrown);
        assertNull(tx.inTransaction(em -> em.find(MembershipEntity.class, new MembershipEntity.Key("r", "carol"))));
    }

    @Test
    void aChatExceptionFromTheWorkIsKeptAsItIs() {
        ChatException ours = ChatException.conflict("taken");
        assertSame(ours, assertThrows(ChatException.class, () -> tx.inTransaction(em -> {
            throw ours;
        })));
    }

    @Test
    void workAfterTheFactoryIsClosedIsUnavailable() {
        emf.close();
        ChatException e = assertThrows(ChatException.class, () -> tx.inTransaction(em -> null));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertEquals("database unavailable: the stores were closed", e.getMessage());
    }
}
