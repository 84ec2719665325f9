package dev.parley.core.spi;

import dev.parley.core.spi.contract.FileStoreContract;
/** Runs the {@link FileStoreContract} against the in-memory default. */
class InMemoryFileStoreTest extends FileStoreContract {

    @Override
    protected FileStore newStore() {
        return FileStore.inMemory();
    }
}
