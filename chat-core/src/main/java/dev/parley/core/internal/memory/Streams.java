package dev.parley.core.internal.memory;

import dev.parley.protocol.ChatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Bounded stream copying shared by the file stores. */
final class Streams {

    private static final int BUFFER_SIZE = 8192;

    private Streams() {
    }

    /**
     * Copies {@code in} to {@code out} through a small buffer, reading at most {@code maxBytes + 1}
     * bytes so that an oversized upload is detected without reading it to the end.
     *
     * @return the number of bytes copied
     * @throws ChatException TOO_LARGE when {@code in} holds more than {@code maxBytes}
     */
    static long copyAtMost(InputStream in, OutputStream out, long maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        while (true) {
            long allowed = maxBytes - total + 1; // one byte past the limit proves the stream too large
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, allowed));
            if (n < 0) {
                return total;
            }
            total += n;
            if (total > maxBytes) {
                throw ChatException.tooLarge("file is larger than the limit of " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
    }
}
