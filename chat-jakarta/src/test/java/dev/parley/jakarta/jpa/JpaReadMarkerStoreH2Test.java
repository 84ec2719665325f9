package dev.parley.jakarta.jpa;

import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.core.spi.contract.ReadMarkerStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link ReadMarkerStoreContract} against the JPA store on a fresh in-memory H2 database for the class, emptied before each test. */
class JpaReadMarkerStoreH2Test extends ReadMarkerStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.h2();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected ReadMarkerStore newStore() {
        return DATABASE.fresh().readMarkers();
    }
}
