package dev.parley.jakarta.jpa;

/** {@link JpaStoreBehaviour} on PostgreSQL; skipped unless {@value TestDatabase#POSTGRES_ENV} is set. */
class JpaStoreBehaviourPostgresTest extends JpaStoreBehaviour {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}
