/**
 * Metrics: {@code dev.parley.micrometer} reports an engine's {@link dev.parley.core.ChatMetrics} to a
 * Micrometer {@code MeterRegistry}. chat-core itself knows no metrics library; this is the one module
 * that imports Micrometer.
 */
module dev.parley.micrometer {
    requires transitive dev.parley.core;
    requires transitive micrometer.core;

    exports dev.parley.micrometer;
}
