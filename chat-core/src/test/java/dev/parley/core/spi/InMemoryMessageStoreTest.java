package dev.parley.core.spi;

import dev.parley.core.spi.contract.MessageStoreContract;
/** Runs the {@link MessageStoreContract} against the in-memory default. */
class InMemoryMessageStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore newStore() {
        return MessageStore.inMemory();
    }
}
