/**
 * Scale-out on Redis: {@link dev.parley.redis.ParleyRedis} joins a Parley node to a cluster, giving
 * it chat-core's cluster bus on Redis pub/sub and a presence store shared by every node, with
 * heartbeats so that a dead node's users go offline within a bounded time. History and seq
 * assignment stay in the shared database (the engine's stores); Redis holds only what is live.
 * Configuration is {@link dev.parley.redis.RedisOptions}.
 */
package dev.parley.redis;
