package dev.parley.jakarta.jpa;

import dev.parley.core.spi.BlockStore;
import dev.parley.core.spi.contract.BlockStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link BlockStoreContract} against the JPA store on a fresh in-memory H2 database for the class, emptied before each test. */
class JpaBlockStoreH2Test extends BlockStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.h2();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected BlockStore newStore() {
        return DATABASE.fresh().blocks();
    }
}
