package dev.parley.jakarta.jpa;

import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.core.spi.contract.ReadMarkerStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link ReadMarkerStoreContract} against the JPA store on a fresh in-memory Derby database for the class, emptied before each test. */
class JpaReadMarkerStoreDerbyTest extends ReadMarkerStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.derby();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected ReadMarkerStore newStore() {
        return DATABASE.fresh().readMarkers();
    }
}
