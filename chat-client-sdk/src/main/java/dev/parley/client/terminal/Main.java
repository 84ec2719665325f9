package dev.parley.client.terminal;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of {@code chat-client.jar}. Exit codes: 0 done, 1 a failure at run time (cannot reach
 * the server, login refused, sends not acknowledged), 2 a usage error (bad option, missing password).
 */
@Command(name = "chat-client", mixinStandardHelpOptions = true, version = "Parley terminal client 0.1.0",
        description = "Terminal client for a Parley chat server.",
        subcommands = ConnectCommand.class)
public final class Main implements Runnable {
    /** Exit code of a usage error, as picocli and most Unix tools use. */
    static final int USAGE = 2;

    /**
     * Where the process reads and writes, and how it asks for a password; tests give their own.
     * {@code colour}: the output is a terminal that shows ANSI colours (mentions are highlighted).
     */
    record Terminal(LineSource in, PrintStream out, PrintStream err, Map<String, String> env, PasswordPrompt prompt,
                    boolean colour) {
        /** Plain output, without colour. */
        Terminal(LineSource in, PrintStream out, PrintStream err, Map<String, String> env, PasswordPrompt prompt) {
            this(in, out, err, env, prompt, false);
        }

        /** Lines from a reader, a pipe's or a test's; plain output. */
        Terminal(BufferedReader in, PrintStream out, PrintStream err, Map<String, String> env, PasswordPrompt prompt) {
            this((LineSource) in::readLine, out, err, env, prompt, false);
        }
    }

    /** Where the input loop reads lines: a pipe's reader or, on a terminal, the {@link LineEditor}. */
    @FunctionalInterface
    interface LineSource {
        /** The next line without its line break; null at the end of input. */
        String readLine() throws java.io.IOException;
    }

    /** Reads a password without echo; empty when there is no console to ask on. */
    @FunctionalInterface
    interface PasswordPrompt {
        Optional<char[]> read(String prompt);
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: connect");
    }

    /** Runs the command line, then exits with its code. */
    public static void main(String[] args) {
        Console console = System.console();
        Charset charset = console != null ? console.charset() : Charset.defaultCharset();
        PrintStream out = new PrintStream(System.out, true, charset);
        PrintStream err = new PrintStream(System.err, true, charset);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PasswordPrompt prompt = text -> console == null ? Optional.empty()
                : Optional.ofNullable(console.readPassword("%s", text));
        // On a terminal (System.console() is there only when standard input and output both are one)
        // lines arriving while the user types print above the prompt; through pipes, plain lines.
        Optional<LineEditor> editor = console != null ? LineEditor.open() : Optional.empty();
        // Colour on a terminal, unless NO_COLOR is set (https://no-color.org).
        boolean colour = System.getenv("NO_COLOR") == null || System.getenv("NO_COLOR").isEmpty();
        Terminal terminal = editor.map(e -> new Terminal(e, e.out(), e.out(), System.getenv(), prompt, colour))
                .orElseGet(() -> new Terminal(in, out, err, System.getenv(), prompt));
        int code = run(args, terminal);
        editor.ifPresent(e -> {
            try {
                e.close();
            } catch (java.io.IOException ignored) {
                // exiting anyway
            }
        });
        System.exit(code);
    }

    /** Runs the command line and returns the exit code, without exiting the JVM. */
    static int run(String[] args, Terminal terminal) {
        CommandLine cmd = new CommandLine(new Main(), new TerminalFactory(terminal));
        cmd.setOut(new PrintWriter(terminal.out(), true));
        cmd.setErr(new PrintWriter(terminal.err(), true));
        // A bad option is one line naming it, not the whole usage text.
        cmd.setParameterExceptionHandler((ex, arguments) -> {
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("chat-client: " + ex.getMessage());
            return 1;
        });
        return cmd.execute(args);
    }

    /** Gives commands the terminal they run in. */
    private record TerminalFactory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ConnectCommand.class) {
                return type.cast(new ConnectCommand(terminal));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
