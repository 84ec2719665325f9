package dev.parley.standalone.internal.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The command line's logging: one line per record on stderr, INFO for Parley and WARNING for
 * the libraries. Left alone when the user configured java.util.logging themselves
 * ({@code -Djava.util.logging.config.file=...}), and never done by the embedding API, whose
 * host owns the logging.
 */
public final class Logging {
    /** Kept strongly reachable: LogManager holds loggers weakly, and a collected logger loses its level. */
    private static final Logger PARLEY = Logger.getLogger("dev.parley");
    /**
     * Jersey warns, once per resource, that resource <em>instances</em> "do not implement any
     * provider interfaces" (it checks them as providers too); they are served all the same.
     */
    private static final Logger JERSEY_PROVIDERS = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");
    /**
     * EclipseLink's own reports repeat, with stack traces, the database failures that Parley
     * reports itself (one line at start-up, a WARNING with the cause for a failed request).
     */
    private static final String ECLIPSELINK = "org.eclipse.persistence";
    private static final String ECLIPSELINK_LOGGER = "eclipselink.logging.logger";
    /**
     * Flyway warns at every start that the bundled H2 is newer than the H2 it was verified with;
     * Parley's migrations are tested on the bundled one (SchemaMigrationsTest), so the line says nothing.
     */
    private static final Logger FLYWAY_DATABASE = Logger.getLogger("org.flywaydb.core.internal.database.base.Database");
    /** Grizzly announces every graceful shutdown, and its end, as a WARNING. */
    private static final Logger GRIZZLY_SHUTDOWN = Logger.getLogger("org.glassfish.grizzly.nio.GracefulShutdownRunner");
    /** The console handler {@link #configure()} installed; null when the user configured logging themselves. */
    private static volatile Handler console;

    private Logging() {
    }

    public static void configure() {
        // EclipseLink writes its own multi-line reports to stdout unless told to use java.util.logging.
        if (System.getProperty(ECLIPSELINK_LOGGER) == null) {
            System.setProperty(ECLIPSELINK_LOGGER, "JavaLogger");
        }
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        LogManager.getLogManager().reset();
        Handler console = new ConsoleHandler();
        console.setFormatter(new OneLineFormatter());
        console.setLevel(Level.ALL);
        // A filter, not a level: EclipseLink sets its loggers' levels itself from the persistence unit.
        console.setFilter(record -> record.getLoggerName() == null || !record.getLoggerName().startsWith(ECLIPSELINK));
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        root.addHandler(console);
        PARLEY.setLevel(Level.INFO);
        JERSEY_PROVIDERS.setLevel(Level.SEVERE);
        GRIZZLY_SHUTDOWN.setLevel(Level.SEVERE);
        FLYWAY_DATABASE.setLevel(Level.SEVERE);
        Logging.console = console;
    }

    /** {@code --log-format}: the console's format, when {@link #configure()} set the console up. */
    static void use(LogFormat format) {
        Handler handler = console;
        if (handler != null) {
            handler.setFormatter(format.formatter());
        }
    }
}
