/**
 * Small runnable programs, one file each, showing how to embed and use Parley. Each has a
 * {@code main}; run one with {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.parley.examples.EmbeddedChat}.
 */
package dev.parley.examples;
