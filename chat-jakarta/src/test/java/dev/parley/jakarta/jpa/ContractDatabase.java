package dev.parley.jakarta.jpa;

import java.util.function.Supplier;

/**
 * One database and one set of stores for a whole contract test class: the contract suites ask for
 * an empty store before each test, which {@link #fresh()} gives by emptying the tables, far faster
 * than deploying a new persistence unit each time. The database is opened on first use, so a
 * PostgreSQL class is skipped (not failed) when PostgreSQL is not configured.
 */
final class ContractDatabase implements AutoCloseable {

    private final Supplier<TestDatabase> opener;
    private TestDatabase db;
    private JpaStores stores;

    private ContractDatabase(Supplier<TestDatabase> opener) {
        this.opener = opener;
    }

    static ContractDatabase h2() {
        return new ContractDatabase(TestDatabase::h2);
    }

    static ContractDatabase derby() {
        return new ContractDatabase(TestDatabase::derby);
    }

    static ContractDatabase postgres() {
        return new ContractDatabase(TestDatabase::postgres);
    }

    /** The stores, over tables emptied just now. */
    synchronized JpaStores fresh() {
        if (db == null) {
            db = opener.get();
            stores = db.open();
        } else {
            db.truncate();
            stores.rebuildSearchIndex(); // the tables were emptied behind the stores' back
        }
        return stores;
    }

    @Override
    public synchronized void close() throws java.sql.SQLException {
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
