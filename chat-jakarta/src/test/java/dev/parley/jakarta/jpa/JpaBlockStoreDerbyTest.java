package dev.parley.jakarta.jpa;

import dev.parley.core.spi.BlockStore;
import dev.parley.core.spi.contract.BlockStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link BlockStoreContract} against the JPA store on a fresh in-memory Derby database for the class, emptied before each test. */
class JpaBlockStoreDerbyTest extends BlockStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.derby();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected BlockStore newStore() {
        return DATABASE.fresh().blocks();
    }
}
