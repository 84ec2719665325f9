/**
 * The starter's wiring: the stores on the application's persistence unit, the Jersey servlet, the
 * WebSocket endpoint, the page, and the filters that give the requests under {@code parley.path}
 * their principal and the contract's error bodies. Not an API: use the properties and the beans
 * of {@link dev.parley.spring}.
 */
package dev.parley.spring.internal;
