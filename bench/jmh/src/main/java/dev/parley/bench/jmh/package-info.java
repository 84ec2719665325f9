/**
 * JMH micro-benchmarks of chat-core: fan-out of one message to many in-process connections, history
 * paging at different history sizes, and history pages of a log in which reactions and edits are
 * half of the entries ({@code LifecycleHistoryBenchmark}). Build with
 * {@code mvn -B -o -q package -DskipTests -pl bench/jmh -am} and run
 * {@code java -jar bench/jmh/target/benchmarks.jar [regex]}.
 */
package dev.parley.bench.jmh;
