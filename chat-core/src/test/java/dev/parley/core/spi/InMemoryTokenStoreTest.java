package dev.parley.core.spi;

import dev.parley.core.spi.contract.TokenStoreContract;
import dev.parley.core.spi.contract.Together;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs the {@link TokenStoreContract} against the in-memory default. */
class InMemoryTokenStoreTest extends TokenStoreContract {

    @Override
    protected TokenStore newStore() {
        return TokenStore.inMemory();
    }

    @Test
    @Timeout(120)
    void concurrentCallersRunGenerateExactlyOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Together.run(8, t -> () -> store.signingKey(() -> {
            calls.incrementAndGet();
            return new byte[] {1, 2, 3};
        }));
        assertEquals(1, calls.get());
    }
}
