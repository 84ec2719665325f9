/**
 * Jakarta Persistence implementations of chat-core's user, room, message and token stores, as one
 * entry point, {@link dev.parley.jakarta.jpa.JpaStores}: built from a JDBC URL in Java SE, or over
 * the container's persistence unit {@code parley} in a Jakarta EE server. The entities behind it
 * are internal and never leave this module.
 */
package dev.parley.jakarta.jpa;
