package dev.parley.client.terminal;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The input side on a real terminal: JLine's line editor, so that a line printed while the user
 * types goes above the prompt ({@link LineReader#printAbove}) and the prompt and the typed text are
 * drawn again below it, instead of the line landing in the middle of what is being typed. Used
 * only when standard input and output are a terminal; pipes and tests keep the plain line-by-line
 * loop. Ctrl-D on an empty line and Ctrl-C end the input as the end of a pipe does.
 */
final class LineEditor implements Main.LineSource, AutoCloseable {
    private static final String PROMPT = "> ";

    private final Terminal terminal;
    private final LineReader reader;
    private final PrintStream out;

    private LineEditor(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder().terminal(terminal).build();
        this.out = new PrintStream(new Above(reader), true, StandardCharsets.UTF_8);
    }

    /** The editor on the process's terminal; empty when JLine finds none it can drive (then: plain lines). */
    static Optional<LineEditor> open() {
        try {
            Terminal t = TerminalBuilder.builder().system(true).dumb(false).build();
            if (Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType())) {
                t.close();
                return Optional.empty();
            }
            return Optional.of(new LineEditor(t));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String readLine() {
        try {
            return reader.readLine(PROMPT);
        } catch (EndOfFileException | UserInterruptException e) {
            return null;
        }
    }

    /** Prints whole lines above the prompt, for standard output and standard error alike. */
    PrintStream out() {
        return out;
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }

    /** Collects bytes up to a line break, then prints the line above what is being typed. */
    private static final class Above extends OutputStream {
        private final LineReader reader;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Above(LineReader reader) {
            this.reader = reader;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                reader.printAbove(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}
