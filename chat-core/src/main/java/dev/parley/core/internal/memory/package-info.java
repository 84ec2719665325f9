/**
 * The default, single-process implementations of the store and bus SPIs of
 * {@link dev.parley.core.spi}: users, rooms, history, tokens and files kept in memory (or, for
 * files, in a plain directory) and a bus that delivers within one JVM. They are internal: callers
 * obtain them through the SPI factories such as {@code MessageStore.inMemory()}. Every class is
 * thread-safe, and the contract suites in chat-core's test-jar pin their behaviour exactly as
 * they pin the JPA stores'.
 */
package dev.parley.core.internal.memory;
