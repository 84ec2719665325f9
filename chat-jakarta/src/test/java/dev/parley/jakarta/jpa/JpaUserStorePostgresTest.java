package dev.parley.jakarta.jpa;

import dev.parley.core.spi.UserStore;
import dev.parley.core.spi.contract.UserStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link UserStoreContract} against the JPA store on PostgreSQL, emptied before each test; skipped unless {@value TestDatabase#POSTGRES_ENV} is set. */
class JpaUserStorePostgresTest extends UserStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.postgres();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected UserStore newStore() {
        return DATABASE.fresh().users();
    }
}
