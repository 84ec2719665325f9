package dev.parley.standalone.internal.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** The few DER encodings {@link PemTls} needs to rewrap a PKCS#1 or SEC 1 key as PKCS#8. */
final class Der {
    private Der() {
    }

    /** {@code INTEGER 0}, the version of a PKCS#8 structure. */
    static byte[] integerZero() {
        return new byte[]{0x02, 0x01, 0x00};
    }

    static byte[] octetString(byte[] content) {
        return element(0x04, content);
    }

    /** A SEQUENCE of elements already encoded. */
    static byte[] sequence(byte[]... encoded) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] e : encoded) {
            content.writeBytes(e);
        }
        return element(0x30, content.toByteArray());
    }

    private static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** Reads the elements of a DER encoding one after the other; {@link IllegalArgumentException} when it is malformed. */
    static final class Reader {
        private final byte[] data;
        private int at;

        Reader(byte[] data) {
            this.data = data;
        }

        boolean hasMore() {
            return at < data.length;
        }

        int peekTag() {
            if (at >= data.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            return data[at] & 0xff;
        }

        /** The content of the next element, which must have {@code tag}. */
        byte[] next(int tag) {
            int[] content = header(tag);
            at = content[0] + content[1];
            return Arrays.copyOfRange(data, content[0], content[0] + content[1]);
        }

        /** The whole encoding (tag, length, content) of the next element, which must have {@code tag}. */
        byte[] element(int tag) {
            int start = at;
            int[] content = header(tag);
            at = content[0] + content[1];
            return Arrays.copyOfRange(data, start, at);
        }

        private int[] header(int tag) {
            if (peekTag() != tag) {
                throw new IllegalArgumentException("expected DER tag " + tag + ", found " + peekTag());
            }
            int i = at + 1;
            if (i >= data.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            int length = data[i++] & 0xff;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes == 0 || bytes > 4 || i + bytes > data.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int k = 0; k < bytes; k++) {
                    length = (length << 8) | (data[i++] & 0xff);
                }
            }
            if (length < 0 || i + length > data.length) {
                throw new IllegalArgumentException("DER element longer than its container");
            }
            return new int[]{i, length};
        }
    }
}
