package dev.parley.jakarta.jpa;

import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.contract.MessageStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link MessageStoreContract} against the JPA store on PostgreSQL, emptied before each test; skipped unless {@value TestDatabase#POSTGRES_ENV} is set. */
class JpaMessageStorePostgresTest extends MessageStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.postgres();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected MessageStore newStore() {
        return DATABASE.fresh().messages();
    }
}
