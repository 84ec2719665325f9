package dev.parley.jakarta.jpa;

import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.contract.RoomStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link RoomStoreContract} against the JPA store on a fresh in-memory Derby database for the class, emptied before each test. */
class JpaRoomStoreDerbyTest extends RoomStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.derby();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected RoomStore newStore() {
        return DATABASE.fresh().rooms();
    }
}
