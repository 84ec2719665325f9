package dev.parley.standalone.internal.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;
import java.util.Objects;

/**
 * Takes an option's default from its environment variable ({@code PARLEY_PORT} for
 * {@code --port}, see {@link ServerCommand}); an option given on the command line wins.
 * Repeatable options read a comma-separated list.
 */
final class EnvDefaults implements IDefaultValueProvider {
    /** Option name to environment variable. */
    static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("--host", "PARLEY_HOST"),
            Map.entry("--port", "PARLEY_PORT"),
            Map.entry("--data-dir", "PARLEY_DATA_DIR"),
            Map.entry("--db-url", "PARLEY_DB_URL"),
            Map.entry("--db-user", "PARLEY_DB_USER"),
            Map.entry("--db-password", "PARLEY_DB_PASSWORD"),
            Map.entry("--redis", "PARLEY_REDIS"),
            Map.entry("--node-id", "PARLEY_NODE_ID"),
            Map.entry("--presence-ttl", "PARLEY_PRESENCE_TTL"),
            Map.entry("--redis-prefix", "PARLEY_REDIS_PREFIX"),
            Map.entry("--max-upload", "PARLEY_MAX_UPLOAD"),
            Map.entry("--admin", "PARLEY_ADMINS"),
            Map.entry("--retention", "PARLEY_RETENTION"),
            Map.entry("--token-ttl", "PARLEY_TOKEN_TTL"),
            Map.entry("--cors-origin", "PARLEY_CORS_ORIGINS"),
            Map.entry("--metrics-port", "PARLEY_METRICS_PORT"),
            Map.entry("--no-metrics", "PARLEY_NO_METRICS"),
            Map.entry("--tls-cert", "PARLEY_TLS_CERT"),
            Map.entry("--tls-key", "PARLEY_TLS_KEY"),
            Map.entry("--schema", "PARLEY_SCHEMA"),
            Map.entry("--log-format", "PARLEY_LOG_FORMAT"));

    private final Map<String, String> environment;

    EnvDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String variable = VARIABLES.get(option.longestName());
            if (variable != null) {
                String value = environment.get(variable);
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
        }
        return argSpec.defaultValue();
    }
}
