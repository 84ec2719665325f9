package dev.parley.client.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The terminal client run in a test as a person runs it: lines typed into its input, its output and
 * errors captured, its exit code. Closing it ends the input, so a failed test never leaves the client
 * waiting for a line.
 */
final class TerminalRun implements AutoCloseable {
    final Output out = new Output();
    final Output err = new Output();
    private final PipedOutputStream typing = new PipedOutputStream();
    private final Writer keys = new OutputStreamWriter(typing, StandardCharsets.UTF_8);
    private final Main.Terminal terminal;
    private CompletableFuture<Integer> exit;

    /** A terminal whose password prompt is answered by {@code PARLEY_PASSWORD=password}. */
    TerminalRun(String password) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(new PipedInputStream(typing, 65536),
                StandardCharsets.UTF_8));
        terminal = new Main.Terminal(in, out.stream, err.stream, Map.of("PARLEY_PASSWORD", password),
                prompt -> Optional.empty());
    }

    /** Runs the client with these arguments, in the background. */
    TerminalRun start(String... args) {
        exit = CompletableFuture.supplyAsync(() -> Main.run(args, terminal));
        return this;
    }

    /** Types {@code text} (with its newlines) into the client's input. */
    void type(String text) throws IOException {
        keys.write(text);
        keys.flush();
    }

    /** The client's exit code, waiting at most {@code wait} for it to end. */
    int exitCode(Duration wait) throws Exception {
        return exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        keys.close();
    }
}
