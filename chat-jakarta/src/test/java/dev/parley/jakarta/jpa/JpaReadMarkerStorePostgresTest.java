package dev.parley.jakarta.jpa;

import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.core.spi.contract.ReadMarkerStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link ReadMarkerStoreContract} against the JPA store on PostgreSQL, emptied before each test; skipped unless {@value TestDatabase#POSTGRES_ENV} is set. */
class JpaReadMarkerStorePostgresTest extends ReadMarkerStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.postgres();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected ReadMarkerStore newStore() {
        return DATABASE.fresh().readMarkers();
    }
}
