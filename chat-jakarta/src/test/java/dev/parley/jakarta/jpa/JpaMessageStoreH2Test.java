package dev.parley.jakarta.jpa;

import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.contract.MessageStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The {@link MessageStoreContract} against the JPA store on a fresh in-memory H2 database for the class, emptied before each test. */
class JpaMessageStoreH2Test extends MessageStoreContract {

    private static final ContractDatabase DATABASE = ContractDatabase.h2();

    @AfterAll
    static void closeDatabase() throws Exception {
        DATABASE.close();
    }

    @Override
    protected MessageStore newStore() {
        return DATABASE.fresh().messages();
    }
}
