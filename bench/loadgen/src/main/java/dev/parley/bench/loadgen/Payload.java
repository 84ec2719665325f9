package dev.parley.bench.loadgen;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The ~100-byte text every published message carries: {@code ~P<phase>:<index>:<intendedNanos>~}
 * padded to {@link #SIZE} characters. The baselines echo it as the whole frame; Parley wraps it in a
 * message frame as the {@code text} field, where it needs no JSON escaping. Reading it back is a byte
 * scan of the frame, with no string decoding, so the load generator stays cheap per delivery.
 */
final class Payload {
    static final int SIZE = 100;
    private static final String PAD = "x".repeat(SIZE);

    private Payload() {
    }

    static String text(int phase, int index, long intendedNanos) {
        String head = "~P" + phase + ':' + index + ':' + intendedNanos + '~';
        return head.length() >= SIZE ? head : head + PAD.substring(head.length());
    }

    /**
     * The marker alone, without the padding, of a {@link #text}: about 25 characters, for a field
     * that cannot hold 100 (a reaction's emoji: at most 32 characters, no spaces).
     */
    static String marker(String text) {
        return text.substring(0, text.indexOf('~', 1) + 1);
    }

    /** A decoded marker; {@code phase} is -1 when the frame has none. */
    record Marker(int phase, int index, long intendedNanos) {
        static final Marker NONE = new Marker(-1, -1, 0);
    }

    /** Finds the marker in a frame's bytes without moving the buffer's indexes. */
    static Marker find(ByteBuf buf) {
        int end = buf.writerIndex();
        for (int i = buf.readerIndex(); i < end - 2; i++) {
            if (buf.getByte(i) == '~' && buf.getByte(i + 1) == 'P') {
                long[] out = new long[3];
                int p = i + 2;
                for (int f = 0; f < 3; f++) {
                    long v = 0;
                    int start = p;
                    while (p < end) {
                        byte b = buf.getByte(p);
                        if (b < '0' || b > '9') {
                            break;
                        }
                        v = v * 10 + (b - '0');
                        p++;
                    }
                    if (p == start || p >= end) {
                        return Marker.NONE;
                    }
                    byte sep = buf.getByte(p++);
                    if (sep != (f < 2 ? ':' : '~')) {
                        return Marker.NONE;
                    }
                    out[f] = v;
                }
                return new Marker((int) out[0], (int) out[1], out[2]);
            }
        }
        return Marker.NONE;
    }

    /** The frame {@code type} of a Parley server frame (its first {@code "type"} field), or "" when it has none. */
    static String frameType(ByteBuf buf) {
        return field(buf, "type");
    }

    /**
     * The value of the first string field named {@code name} in a frame, or "" when there is none.
     * Enough for Parley's frames, whose {@code type}, {@code code} and {@code clientMsgId} values
     * need no escaping.
     */
    static String field(ByteBuf buf, String name) {
        byte[] key = ('"' + name + "\":\"").getBytes(StandardCharsets.US_ASCII);
        int end = buf.writerIndex();
        outer:
        for (int i = buf.readerIndex(); i <= end - key.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (buf.getByte(i + k) != key[k]) {
                    continue outer;
                }
            }
            int from = i + key.length;
            int to = from;
            while (to < end && buf.getByte(to) != '"') {
                to++;
            }
            return buf.toString(from, to - from, StandardCharsets.US_ASCII);
        }
        return "";
    }
}
