package dev.parley.jakarta.jpa;

import dev.parley.core.spi.UserStore;
import dev.parley.core.spi.contract.UserStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link UserStoreContract} against the JPA store on a fresh in-memory Derby database for the class, emptied before each test. */
class JpaUserStoreDerbyTest extends UserStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.derby();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected UserStore newStore() {
        return DATABASE.fresh().users();
    }
}
