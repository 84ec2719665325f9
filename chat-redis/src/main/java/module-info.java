/**
 * Scale-out on Redis: {@code dev.parley.redis} (the cluster bus and presence store). The Lettuce
 * wiring under {@code .internal} stays inside.
 */
module dev.parley.redis {
    requires transitive dev.parley.core;
    requires jakarta.json;
    requires lettuce.core;
    requires java.logging;

    exports dev.parley.redis;
}
