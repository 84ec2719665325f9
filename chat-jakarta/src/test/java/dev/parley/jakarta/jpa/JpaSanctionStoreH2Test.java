package dev.parley.jakarta.jpa;

import dev.parley.core.spi.SanctionStore;
import dev.parley.core.spi.contract.SanctionStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link SanctionStoreContract} against the JPA store on a fresh in-memory H2 database for the class, emptied before each test. */
class JpaSanctionStoreH2Test extends SanctionStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.h2();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected SanctionStore newStore() {
        return DATABASE.fresh().sanctions();
    }
}
