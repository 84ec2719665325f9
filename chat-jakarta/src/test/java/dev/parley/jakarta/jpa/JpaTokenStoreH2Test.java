package dev.parley.jakarta.jpa;

import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.contract.TokenStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link TokenStoreContract} against the JPA store on a fresh in-memory H2 database for the class, emptied before each test. */
class JpaTokenStoreH2Test extends TokenStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.h2();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected TokenStore newStore() {
        return DATABASE.fresh().tokens();
    }
}
