/**
 * JMH micro-benchmarks of chat-core: fan-out of one message to many in-process connections, and
 * history paging at different history sizes. Build with {@code mvn -B -DskipTests package} and run
 * {@code java -jar bench/jmh/target/benchmarks.jar}.
 */
package dev.parley.bench.jmh;
