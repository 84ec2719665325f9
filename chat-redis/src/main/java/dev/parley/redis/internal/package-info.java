/**
 * How chat-redis does its work, not API: the Redis pub/sub {@code ClusterBus}, the heartbeat-based
 * {@code PresenceStore} and its Lua scripts, and the JSON form of bus events. Callers reach these
 * through {@link dev.parley.redis.ParleyRedis}; any of them may change without notice.
 */
package dev.parley.redis.internal;
