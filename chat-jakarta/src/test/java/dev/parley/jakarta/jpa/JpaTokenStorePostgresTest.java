package dev.parley.jakarta.jpa;

import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.contract.TokenStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link TokenStoreContract} against the JPA store on PostgreSQL, emptied before each test; skipped unless {@value TestDatabase#POSTGRES_ENV} is set. */
class JpaTokenStorePostgresTest extends TokenStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.postgres();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected TokenStore newStore() {
        return DATABASE.fresh().tokens();
    }
}
