package dev.parley.core.spi;

import dev.parley.core.spi.contract.BlockStoreContract;

/** Runs the {@link BlockStoreContract} against the in-memory default. */
class InMemoryBlockStoreTest extends BlockStoreContract {

    @Override
    protected BlockStore newStore() {
        return BlockStore.inMemory();
    }
}
