package dev.parley.standalone;

import dev.parley.standalone.internal.cli.Cli;
import dev.parley.standalone.internal.cli.Logging;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The entry point of {@code chat-server.jar}: {@code java -jar chat-server.jar [start] [OPTIONS]}
 * ({@code --help} lists the options). It runs a {@link StandaloneServer} until the process gets
 * SIGTERM or Ctrl-C, then shuts it down cleanly. Exit status: 0 after a clean shutdown,
 * {@code --help} or {@code --version}; 1 when the server cannot start; 2 for a bad option or value.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure();
        Charset console = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(System.out, true, console);
        PrintWriter err = new PrintWriter(System.err, true, console);
        Cli cli = new Cli(System.getenv(), out, err,
                stop -> Runtime.getRuntime().addShutdownHook(new Thread(stop, "parley-shutdown")));
        int status = cli.run(args);
        if (status != Cli.OK) {
            System.exit(status);
        }
    }
}
