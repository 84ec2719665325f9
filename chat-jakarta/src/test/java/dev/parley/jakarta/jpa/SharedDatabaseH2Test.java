package dev.parley.jakarta.jpa;

/** {@link SharedDatabaseBehaviour} on one in-memory H2 database shared by name within the JVM. */
class SharedDatabaseH2Test extends SharedDatabaseBehaviour {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }
}
