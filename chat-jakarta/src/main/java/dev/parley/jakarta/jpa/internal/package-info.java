/**
 * Internal: the JPA entities of the {@code parley_*} tables, the store implementations over them,
 * and the transaction helper that runs each store call as one transaction (RESOURCE_LOCAL or JTA)
 * and maps database failures to UNAVAILABLE, and the group commit that stores concurrent appends
 * in one transaction. Not API; use {@link dev.parley.jakarta.jpa.JpaStores}.
 */
package dev.parley.jakarta.jpa.internal;
