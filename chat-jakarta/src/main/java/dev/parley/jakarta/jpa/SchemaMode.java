package dev.parley.jakarta.jpa;

/**
 * What the stores do with the database's {@code parley_*} schema when they open: bring it to the
 * current version with the migrations chat-jakarta ships ({@link #MIGRATE}, the default), or only
 * check that it is current and refuse to open when it is not ({@link #VALIDATE}), for a database
 * whose schema an administrator changes with the shipped SQL under {@code META-INF/parley/db/}.
 */
public enum SchemaMode {
    /** Apply the pending migrations (creating the schema in an empty database), then open. */
    MIGRATE,
    /** Apply nothing: open only when no migration is pending and the applied ones match. */
    VALIDATE;

    /**
     * The mode a setting names, {@code migrate} or {@code validate}, in any case.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static SchemaMode parse(String value) {
        String v = value == null ? "" : value.trim();
        for (SchemaMode mode : values()) {
            if (mode.name().equalsIgnoreCase(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("expected migrate or validate, got \"" + value + "\"");
    }
}
