package dev.parley.jakarta.jpa;

/** {@link SharedDatabaseBehaviour} on PostgreSQL; skipped unless {@value TestDatabase#POSTGRES_ENV} is set. */
class SharedDatabasePostgresTest extends SharedDatabaseBehaviour {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
