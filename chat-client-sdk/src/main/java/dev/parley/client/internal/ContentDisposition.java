package dev.parley.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/** Reads the file name out of a {@code Content-Disposition} header, and makes one safe to save under. */
final class ContentDisposition {

    private ContentDisposition() {
    }

    /**
     * The {@code filename*} (RFC 6266/5987, {@code UTF-8''percent-encoded}) parameter when present and
     * readable, else the {@code filename} one, quoted or not.
     */
    static Optional<String> fileName(String header) {
        Optional<String> extended = parameter(header, "filename*").flatMap(ContentDisposition::decodeExtended);
        return extended.isPresent() ? extended : parameter(header, "filename");
    }

    /**
     * A name that stays inside the directory it is saved in: no directory part, no control
     * characters, not {@code .} or {@code ..}.
     */
    static String safeFileName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder(base.length());
        base.codePoints().filter(c -> c >= 0x20 && c != 0x7f).forEach(b::appendCodePoint);
        String s = b.toString().strip();
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "download" : s;
    }

    private static Optional<String> parameter(String header, String name) {
        int i = 0;
        int n = header.length();
        while (i < n) {
            int semi = header.indexOf(';', i);
            if (semi < 0) {
                return Optional.empty();
            }
            i = semi + 1;
            while (i < n && header.charAt(i) == ' ') {
                i++;
            }
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String key = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && header.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                i++;
                while (i < n && header.charAt(i) != '"') {
                    char c = header.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = header.charAt(++i);
                    }
                    v.append(c);
                    i++;
                }
                i++; // the closing quote
                value = v.toString();
            } else {
                int end = header.indexOf(';', i);
                value = header.substring(i, end < 0 ? n : end).strip();
                i = end < 0 ? n : end;
            }
            if (key.equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        Charset charset;
        try {
            charset = Charset.forName(value.substring(0, first));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String encoded = value.substring(second + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '%') {
                return Optional.empty();
            } else {
                bytes.write(c > 0x7f ? '?' : c);
            }
        }
        return Optional.of(bytes.toString(charset));
    }
}
