package dev.parley.jakarta.jpa;

import dev.parley.core.spi.BlockStore;
import dev.parley.core.spi.contract.BlockStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link BlockStoreContract} against the JPA store on PostgreSQL, emptied before each test; skipped unless {@value TestDatabase#POSTGRES_ENV} is set. */
class JpaBlockStorePostgresTest extends BlockStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.postgres();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected BlockStore newStore() {
        return DATABASE.fresh().blocks();
    }
}
