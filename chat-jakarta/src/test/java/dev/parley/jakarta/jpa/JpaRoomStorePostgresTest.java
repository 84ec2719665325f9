package dev.parley.jakarta.jpa;

import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.contract.RoomStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link RoomStoreContract} against the JPA store on PostgreSQL, emptied before each test; skipped unless {@value TestDatabase#POSTGRES_ENV} is set. */
class JpaRoomStorePostgresTest extends RoomStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.postgres();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected RoomStore newStore() {
        return DATABASE.fresh().rooms();
    }
}
