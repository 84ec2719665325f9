package dev.parley.jakarta.internal.config;

import dev.parley.core.ChatConfig;
import dev.parley.jakarta.internal.edge.Origins;
import dev.parley.jakarta.jpa.SchemaMode;
import dev.parley.protocol.Quantities;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The {@code parley.*} servlet context parameters, parsed and validated at deployment: a bad
 * value fails the deployment with a message naming the parameter and the value. Immutable.
 *
 * @param enabled         {@code parley.enabled}: false leaves all wiring to the host (default true)
 * @param store           {@code parley.store}: where users, rooms and messages live
 * @param executor        {@code parley.executor}: JNDI name of the managed executor the engine runs on,
 *                        or {@code engine} for the engine's own threads
 * @param uploadDirectory {@code parley.uploadDirectory}: keep shared files there instead of the store's default
 * @param admins          {@code parley.admins}: comma-separated usernames
 * @param retention       {@code parley.retention}: keep at most this many messages per room
 * @param maxUploadBytes  {@code parley.maxUploadBytes}: bytes, or with a unit (KiB, MB, G, ...: powers of 1024)
 * @param maxTextLength   {@code parley.maxTextLength}: characters in a message
 * @param tokenTtl        {@code parley.tokenTtl}: seconds, a short duration such as {@code 12h}, or ISO-8601 such as {@code PT12H}
 * @param allowedOrigins  {@code parley.allowedOrigins}: comma-separated web origins besides the application's own
 *                        whose pages may open {@code /ws} and call {@code /api} (CORS), {@code *} for any;
 *                        none by default
 * @param adminRole       {@code parley.adminRole}: the container role whose principals are server admins
 *                        (default {@value ChatConfig#DEFAULT_ADMIN_ROLE})
 * @param schema          {@code parley.schema}: {@code migrate} (the default) brings the unit's {@code parley_*}
 *                        schema to this release's version at deployment, {@code validate} changes nothing and
 *                        fails the deployment when a migration is pending
 */
public record ParleySettings(boolean enabled, Store store, String executor, Optional<Path> uploadDirectory,
                             Set<String> admins, OptionalInt retention, long maxUploadBytes, int maxTextLength,
                             Duration tokenTtl, List<String> allowedOrigins, String adminRole, SchemaMode schema) {

    /** Where the engine keeps its state. */
    public enum Store {
        /** The container's persistence unit {@code parley}, in the container's JTA transactions. */
        JPA,
        /** In memory: lost at undeploy; for trials and tests. */
        MEMORY
    }

    /** The default executor: the platform's default managed executor. */
    public static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    /** The {@code parley.executor} value that gives the engine its own threads. */
    public static final String ENGINE_EXECUTOR = "engine";

    /** How a refusal tells an operator to allow another origin. */
    static final String HOW_TO_ALLOW = "add %s to the context parameter parley.allowedOrigins";

    public ParleySettings {
        admins = Set.copyOf(admins);
        java.util.Objects.requireNonNull(schema, "schema");
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            Origins.problem(origin).ifPresent(problem -> {
                throw bad("parley.allowedOrigins", origin, "a list of web origins (" + problem + ")");
            });
        }
    }

    /**
     * Reads the settings.
     *
     * @param parameters the context's init parameters (null for an absent one)
     * @throws IllegalArgumentException naming the first bad parameter
     */
    public static ParleySettings parse(UnaryOperator<String> parameters) {
        ChatConfig defaults = ChatConfig.defaults();
        boolean enabled = bool("parley.enabled", parameters.apply("parley.enabled"), true);
        Store store = value(parameters, "parley.store").map(ParleySettings::store).orElse(Store.JPA);
        String executor = value(parameters, "parley.executor").orElse(DEFAULT_EXECUTOR);
        Optional<Path> uploads = value(parameters, "parley.uploadDirectory").map(ParleySettings::path);
        Set<String> admins = new TreeSet<>(value(parameters, "parley.admins").map(ParleySettings::list).orElse(List.of()));
        OptionalInt retention = value(parameters, "parley.retention")
                .map(v -> OptionalInt.of(positiveInt("parley.retention", v))).orElse(OptionalInt.empty());
        long maxUpload = value(parameters, "parley.maxUploadBytes").map(ParleySettings::size).orElse(defaults.maxUploadBytes());
        int maxText = value(parameters, "parley.maxTextLength")
                .map(v -> positiveInt("parley.maxTextLength", v)).orElse(defaults.maxTextLength());
        Duration ttl = value(parameters, "parley.tokenTtl").map(ParleySettings::duration).orElse(defaults.tokenTtl());
        List<String> origins = value(parameters, "parley.allowedOrigins").map(ParleySettings::list).orElse(List.of());
        String adminRole = value(parameters, "parley.adminRole").orElse(ChatConfig.DEFAULT_ADMIN_ROLE);
        SchemaMode schema = value(parameters, "parley.schema").map(ParleySettings::schema).orElse(SchemaMode.MIGRATE);
        return new ParleySettings(enabled, store, executor, uploads, admins, retention, maxUpload, maxText, ttl, origins,
                adminRole, schema);
    }

    /** The edge's origin policy these settings describe: the application's own origin and {@link #allowedOrigins}. */
    public Origins origins() {
        return Origins.of(allowedOrigins, HOW_TO_ALLOW);
    }

    /** The engine configuration these settings describe, validated. */
    public ChatConfig chatConfig() {
        ChatConfig.Builder builder = ChatConfig.builder().admins(admins).maxUploadBytes(maxUploadBytes)
                .maxTextLength(maxTextLength).tokenTtl(tokenTtl).adminRole(adminRole);
        retention.ifPresent(builder::retention);
        return builder.build();
    }

    private static Optional<String> value(UnaryOperator<String> parameters, String name) {
        return Optional.ofNullable(parameters.apply(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The non-empty items of a comma-separated list, trimmed. */
    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean bool(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(name, value, "true or false");
        };
    }

    private static Store store(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "jpa" -> Store.JPA;
            case "memory" -> Store.MEMORY;
            default -> throw bad("parley.store", value, "jpa or memory");
        };
    }

    private static SchemaMode schema(String value) {
        try {
            return SchemaMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw bad("parley.schema", value, "migrate or validate");
        }
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw bad("parley.uploadDirectory", value, "a directory path");
        }
    }

    private static int positiveInt(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw bad(name, value, "a positive whole number");
    }

    private static long size(String value) {
        try {
            return Quantities.size(value);
        } catch (IllegalArgumentException e) {
            throw bad("parley.maxUploadBytes", value, "a positive size in bytes, optionally with a unit such as KiB, MB or G");
        }
    }

    private static Duration duration(String value) {
        try {
            return Quantities.durationOrSeconds(value);
        } catch (IllegalArgumentException e) {
            throw bad("parley.tokenTtl", value, "a positive number of seconds or a duration such as 12h or PT12H");
        }
    }

    private static IllegalArgumentException bad(String name, String value, String expected) {
        return new IllegalArgumentException(name + " must be " + expected + ", got '" + value + "'");
    }
}
