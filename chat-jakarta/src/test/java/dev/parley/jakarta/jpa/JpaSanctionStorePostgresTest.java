package dev.parley.jakarta.jpa;

import dev.parley.core.spi.SanctionStore;
import dev.parley.core.spi.contract.SanctionStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link SanctionStoreContract} against the JPA store on PostgreSQL, emptied before each test; skipped unless {@value TestDatabase#POSTGRES_ENV} is set. */
class JpaSanctionStorePostgresTest extends SanctionStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.postgres();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected SanctionStore newStore() {
        return DATABASE.fresh().sanctions();
    }
}
