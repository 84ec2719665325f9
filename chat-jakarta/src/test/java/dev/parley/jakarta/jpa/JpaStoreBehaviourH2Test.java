package dev.parley.jakarta.jpa;

import java.time.Instant;
import java.util.List;

/** {@link JpaStoreBehaviour} on a fresh in-memory H2 database per test. */
class JpaStoreBehaviourH2Test extends JpaStoreBehaviour {
    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2();
    }

    /** Without the autumn overlap, which H2 may shift in such a JVM (see InstantConverter). */
    @Override
    List<Instant> daylightSavingInstants() {
        return super.daylightSavingInstants().subList(0, 2);
    }
}
