package dev.parley.jakarta.jpa;

import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.contract.RoomStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link RoomStoreContract} against the JPA store on a fresh in-memory H2 database for the class, emptied before each test. */
class JpaRoomStoreH2Test extends RoomStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.h2();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected RoomStore newStore() {
        return DATABASE.fresh().rooms();
    }
}
