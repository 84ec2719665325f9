package dev.parley.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Content-Disposition} header of a file download, written by the server and read by
 * the SDK. A file name is chosen by an uploader, so it is treated as hostile: it is cleaned by
 * {@link InputRules#fileName} (no directories, quotes or control characters: CR/LF would split
 * the header), sent as an ASCII {@code filename} for old clients plus an RFC 5987
 * {@code filename*} carrying the real UTF-8 name. Pure and thread-safe.
 */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    /** The header value that offers a file for download under its (cleaned) name. */
    public static String attachment(String uploadedName) {
        String safe = InputRules.fileName(uploadedName);
        return "attachment; filename=\"" + asciiName(safe) + "\"; filename*=UTF-8''" + percentEncode(safe);
    }

    /**
     * The file name a header offers: the {@code filename*} (RFC 6266/5987, {@code UTF-8''percent-encoded})
     * parameter when present and readable, else the {@code filename} one, quoted or not. Not cleaned:
     * pass it through {@link InputRules#fileName} before saving under it.
     */
    public static Optional<String> fileName(String header) {
        Optional<String> extended = parameter(header, "filename*").flatMap(ContentDisposition::decodeExtended);
        return extended.isPresent() ? extended : parameter(header, "filename");
    }

    private static String asciiName(String safe) {
        StringBuilder out = new StringBuilder(safe.length());
        safe.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '%' && c != ';' ? (char) c : '_'));
        return out.toString();
    }

    /** RFC 5987 {@code attr-char}s stay, every other UTF-8 byte is percent-encoded. */
    private static String percentEncode(String safe) {
        StringBuilder out = new StringBuilder();
        for (byte b : safe.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
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
