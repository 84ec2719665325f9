package dev.parley.core.spi;

import dev.parley.core.spi.contract.ReadMarkerStoreContract;

/** Runs the {@link ReadMarkerStoreContract} against the in-memory default. */
class InMemoryReadMarkerStoreTest extends ReadMarkerStoreContract {

    @Override
    protected ReadMarkerStore newStore() {
        return ReadMarkerStore.inMemory();
    }
}
