package dev.parley.standalone.internal.cli;

import dev.parley.protocol.ChatException;
import dev.parley.standalone.StandaloneConfig;
import dev.parley.standalone.StandaloneServer;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command line over {@link StandaloneServer}: parses the options (environment variables
 * as defaults), answers {@code --help} and {@code --version}, refuses bad input with one line
 * on stderr, and otherwise runs the server until the JVM is asked to stop.
 */
public final class Cli {
    /** Exit status after a clean shutdown, {@code --help} or {@code --version}. */
    public static final int OK = 0;
    /** Exit status when the server cannot start (port taken, database unreachable, ...). */
    public static final int START_FAILED = 1;
    /** Exit status for a bad option or value. */
    public static final int USAGE = 2;

    private static final Logger LOG = Logger.getLogger(Cli.class.getName());

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Consumer<Runnable> onShutdown;

    /**
     * @param environment the environment variables to take defaults from
     * @param out         where help, the version and the start-up line go
     * @param err         where the one-line refusals go
     * @param onShutdown  registers what to run when the process is asked to stop (a JVM shutdown hook)
     */
    public Cli(Map<String, String> environment, PrintWriter out, PrintWriter err, Consumer<Runnable> onShutdown) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.onShutdown = Objects.requireNonNull(onShutdown, "onShutdown");
    }

    /** The parser of {@code command}: options from the arguments, then {@code environment}, then their defaults. */
    static CommandLine commandLine(ServerCommand command, Map<String, String> environment) {
        return new CommandLine(command)
                .setDefaultValueProvider(new EnvDefaults(environment))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setAbbreviatedOptionsAllowed(false)
                .setUnmatchedOptionsArePositionalParams(false);
    }

    /** Runs the command line; for {@code start}, returns only once the server has been stopped. */
    public int run(String... args) {
        ServerCommand command = new ServerCommand();
        CommandLine cli = commandLine(command, environment).setOut(out).setErr(err);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return OK;
            }
        } catch (ParameterException e) {
            err.println(oneLine(e, args));
            err.flush();
            return USAGE;
        }
        Logging.use(command.logFormat);
        StandaloneConfig config;
        try {
            config = command.toConfig();
        } catch (IllegalArgumentException e) {
            err.println("Invalid configuration: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        return start(config, command.dataDescription());
    }

    private int start(StandaloneConfig config, String data) {
        StandaloneServer server = StandaloneServer.create(config);
        try {
            server.start();
        } catch (BindException e) {
            return cannotStart("port " + config.port() + " on " + config.host() + " is not available (" + e.getMessage() + ")", e);
        } catch (IOException | UncheckedIOException e) {
            return cannotStart(e.getMessage(), e);
        } catch (ChatException e) {
            if (causes(e).contains("file is locked")) {
                return cannotStart("the database in " + config.dataDir().resolve("db")
                        + " is in use by another process (is another Parley running on this data directory?)", e);
            }
            return cannotStart(e.getMessage() + causes(e), e);
        } catch (IllegalStateException e) {
            // Redis unreachable, the node id held by another live node, a bad TLS file: the message names it.
            return cannotStart(e.getMessage(), e);
        } catch (RuntimeException e) {
            return cannotStart(e + causes(e), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        onShutdown.accept(() -> {
            try {
                server.close();
                // stdout, not a log record: the JVM's logging may already be shut down by its own hook
                out.println("Parley stopped");
                out.flush();
            } finally {
                stopped.countDown();
            }
        });
        String node = config.cluster().map(c -> "; node " + server.nodeId() + " of the cluster on " + c.safeRedisUri())
                .orElse("");
        out.println("Parley is running at " + server.url() + " (" + data + node + ")");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return OK;
    }

    private int cannotStart(String reason, Throwable e) {
        LOG.log(Level.FINE, "start-up failed", e);
        err.println("Cannot start Parley: " + reason);
        err.flush();
        return START_FAILED;
    }

    /** The root cause's message, which names what is actually wrong (a refused connection, a locked file). */
    private static String causes(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == e || root.getMessage() == null) {
            return "";
        }
        String message = root.getMessage().lines().findFirst().orElse("");
        return " (" + message + ")";
    }

    /** picocli's message, naming the environment variable when the bad value came from there. */
    private String oneLine(ParameterException e, String[] args) {
        String message = e.getMessage().lines().findFirst().orElse("invalid command line");
        if (e.getArgSpec() instanceof PositionalParamSpec && e.getCause() instanceof TypeConversionException bad) {
            message = "Invalid command line: " + bad.getMessage();
        }
        if (e.getArgSpec() instanceof OptionSpec option) {
            String variable = EnvDefaults.VARIABLES.get(option.longestName());
            boolean onCommandLine = Arrays.stream(args).anyMatch(a -> Arrays.stream(option.names())
                    .anyMatch(n -> a.equals(n) || a.startsWith(n + "=")));
            if (variable != null && !onCommandLine && environment.containsKey(variable)) {
                message += " (from the environment variable " + variable + ")";
            }
        }
        return message;
    }
}
