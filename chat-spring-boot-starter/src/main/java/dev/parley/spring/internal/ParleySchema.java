package dev.parley.spring.internal;

import dev.parley.jakarta.jpa.SchemaMode;

/**
 * The bean standing for Parley's schema on the application's {@code DataSource}, migrated (or
 * validated) when it was created: the application's {@code EntityManagerFactory} depends on it, so
 * that Hibernate starts on the current schema. Immutable.
 *
 * @param mode what was done: migrated, or found current
 */
public record ParleySchema(SchemaMode mode) {
}
