package dev.parley.core.spi;

/** Runs the {@link FileStoreContract} against the in-memory default. */
class InMemoryFileStoreTest extends FileStoreContract {

    @Override
    protected FileStore newStore() {
        return FileStore.inMemory();
    }
}
