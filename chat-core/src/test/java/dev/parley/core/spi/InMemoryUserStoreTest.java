package dev.parley.core.spi;

/** Runs the {@link UserStoreContract} against the in-memory default. */
class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected UserStore newStore() {
        return UserStore.inMemory();
    }
}
