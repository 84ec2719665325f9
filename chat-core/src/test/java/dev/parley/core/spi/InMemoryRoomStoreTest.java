package dev.parley.core.spi;

import dev.parley.core.spi.contract.RoomStoreContract;
/** Runs the {@link RoomStoreContract} against the in-memory default. */
class InMemoryRoomStoreTest extends RoomStoreContract {

    @Override
    protected RoomStore newStore() {
        return RoomStore.inMemory();
    }
}
