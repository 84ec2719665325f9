/**
 * Zero-code wiring for a web application that has chat-jakarta in {@code WEB-INF/lib}: a
 * listener, declared in the jar's web fragment, that reads the {@code parley.*} context
 * parameters, builds (or adopts the host's) {@link dev.parley.core.Chat}, registers the
 * {@code /ws} endpoint and its handshake filter; and the JAX-RS application serving {@code /api}.
 */
package dev.parley.jakarta.internal.config;
