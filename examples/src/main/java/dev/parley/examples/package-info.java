/**
 * Small runnable programs, one file each, showing how to embed and use Parley: chat-core with no
 * network ({@link dev.parley.examples.EmbeddedChat}), the standalone server started from code
 * ({@link dev.parley.examples.StandaloneWithSdk}) and two bots on the client SDK
 * ({@link dev.parley.examples.EchoBot}, {@link dev.parley.examples.TimeBot}). Each has a
 * {@code main}; {@code examples/README.md} says how to run them.
 */
package dev.parley.examples;
