package dev.parley.jakarta.jpa;

import dev.parley.core.spi.UserStore;
import dev.parley.core.spi.contract.UserStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link UserStoreContract} against the JPA store on a fresh in-memory H2 database for the class, emptied before each test. */
class JpaUserStoreH2Test extends UserStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.h2();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected UserStore newStore() {
        return DATABASE.fresh().users();
    }
}
