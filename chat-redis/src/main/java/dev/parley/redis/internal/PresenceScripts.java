package dev.parley.redis.internal;

/**
 * The Lua scripts behind {@link RedisPresenceStore}. Each runs atomically in Redis, which is what
 * makes "the first node to have a user" and "the survivor that reaps a dead node" unique.
 *
 * <p>Data: {@code KEYS[1]} a sorted set of live nodes scored by the Redis time (ms) at which they
 * expire; {@code KEYS[2]} a hash from username to the number of live nodes having that user;
 * {@code KEYS[3]} this node's set of users. Other nodes' sets are named {@code ARGV[3] .. node}, so
 * the scripts need a single Redis (or a primary with replicas), not Redis Cluster. {@code ARGV[1]} is
 * this node's id and {@code ARGV[2]} how long (ms) a heartbeat keeps it alive.
 */
final class PresenceScripts {
    private PresenceScripts() {
    }

    private static final String NOW = """
            local function now()
              local t = redis.call('TIME')
              return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            end
            """;

    /** ARGV[4] user. Returns 1 if the user came online in the cluster, 0 if not, -1 if this node was reaped (resync). */
    static final String ONLINE = NOW + """
            if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
            redis.call('ZADD', KEYS[1], now() + tonumber(ARGV[2]), ARGV[1])
            if redis.call('SADD', KEYS[3], ARGV[4]) == 0 then return 0 end
            if redis.call('HINCRBY', KEYS[2], ARGV[4], 1) == 1 then return 1 end
            return 0
            """;

    /** ARGV[4] user. Returns 1 if the user went offline in the cluster, 0 if not, -1 if this node was reaped (resync). */
    static final String OFFLINE = NOW + """
            if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
            redis.call('ZADD', KEYS[1], now() + tonumber(ARGV[2]), ARGV[1])
            if redis.call('SREM', KEYS[3], ARGV[4]) == 0 then return 0 end
            if redis.call('HINCRBY', KEYS[2], ARGV[4], -1) <= 0 then
              redis.call('HDEL', KEYS[2], ARGV[4])
              return 1
            end
            return 0
            """;

    /**
     * Makes this node's set exactly ARGV[4..] (registering the node). Returns {users that came online,
     * users that went offline} in the cluster.
     */
    static final String SYNC = NOW + """
            redis.call('ZADD', KEYS[1], now() + tonumber(ARGV[2]), ARGV[1])
            local wanted = {}
            for i = 4, #ARGV do wanted[ARGV[i]] = true end
            local came, went = {}, {}
            for _, u in ipairs(redis.call('SMEMBERS', KEYS[3])) do
              if wanted[u] then
                wanted[u] = nil
              else
                redis.call('SREM', KEYS[3], u)
                if redis.call('HINCRBY', KEYS[2], u, -1) <= 0 then
                  redis.call('HDEL', KEYS[2], u)
                  went[#went + 1] = u
                end
              end
            end
            for i = 4, #ARGV do
              local u = ARGV[i]
              if wanted[u] then
                wanted[u] = nil
                redis.call('SADD', KEYS[3], u)
                if redis.call('HINCRBY', KEYS[2], u, 1) == 1 then came[#came + 1] = u end
              end
            end
            return {came, went}
            """;

    /**
     * The heartbeat, and with ARGV[4] = '1' the reaping of expired nodes. Returns {1 if this node was
     * still registered else 0, users of reaped nodes that went offline in the cluster, the ids of the
     * nodes registered now}.
     */
    static final String TICK = NOW + """
            local t = now()
            local alive = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if alive then redis.call('ZADD', KEYS[1], t + tonumber(ARGV[2]), ARGV[1]) end
            local went = {}
            if ARGV[4] == '1' then
              for _, n in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. t)) do
                if n ~= ARGV[1] then
                  local key = ARGV[3] .. n
                  for _, u in ipairs(redis.call('SMEMBERS', key)) do
                    if redis.call('HINCRBY', KEYS[2], u, -1) <= 0 then
                      redis.call('HDEL', KEYS[2], u)
                      went[#went + 1] = u
                    end
                  end
                  redis.call('DEL', key)
                  redis.call('ZREM', KEYS[1], n)
                end
              end
            end
            return {alive and 1 or 0, went, redis.call('ZRANGE', KEYS[1], 0, -1)}
            """;
}
