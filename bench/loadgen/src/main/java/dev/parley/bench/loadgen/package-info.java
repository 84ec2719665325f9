/**
 * The WebSocket load generator of Parley's benchmarks. One process (pinned to its own core by
 * {@code bench/run.sh}) opens thousands of Netty WebSocket clients on a single event-loop thread
 * against Parley's standalone server and the two broadcast baselines, publishes ~100-byte messages
 * at a fixed rate from a pacing thread, and checks every message against every subscriber that
 * should get it. Latency is measured from each message's <em>intended</em> send time, so a sender
 * that falls behind cannot hide delay. Server CPU comes from {@code /proc/<pid>/stat}, memory from
 * {@code /proc/<pid>/status}, {@code jcmd}/{@code jstat} (Java servers) or the Node server's
 * {@code /stats}. A target may be several processes (S1X2's Parley nodes sharing one database), whose
 * CPU is summed. Every phase is bounded in time and in count, and only 127.0.0.1 is ever targeted.
 */
package dev.parley.bench.loadgen;
