package dev.parley.core.spi;

import dev.parley.core.spi.contract.UserStoreContract;
/** Runs the {@link UserStoreContract} against the in-memory default. */
class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected UserStore newStore() {
        return UserStore.inMemory();
    }
}
