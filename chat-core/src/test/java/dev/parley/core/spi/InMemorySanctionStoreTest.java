package dev.parley.core.spi;

import dev.parley.core.spi.contract.SanctionStoreContract;

/** Runs the {@link SanctionStoreContract} against the in-memory default. */
class InMemorySanctionStoreTest extends SanctionStoreContract {

    @Override
    protected SanctionStore newStore() {
        return SanctionStore.inMemory();
    }
}
