package dev.parley.jakarta.internal.rest;

import java.nio.charset.StandardCharsets;

/**
 * A {@code Content-Disposition: attachment} value for a file name chosen by an uploader, so it
 * is treated as hostile: directory parts, quotes, backslashes and control characters (CR/LF
 * would split the header) are dropped; an ASCII {@code filename} for old clients plus an RFC 5987
 * {@code filename*} carrying the real UTF-8 name.
 */
final class ContentDisposition {
    private static final String FALLBACK = "file";

    private ContentDisposition() {
    }

    static String attachment(String uploadedName) {
        String safe = safeName(uploadedName);
        return "attachment; filename=\"" + asciiName(safe) + "\"; filename*=UTF-8''" + percentEncode(safe);
    }

    /** The name without directories, quotes, backslashes or control characters; "file" when nothing is left. */
    static String safeName(String name) {
        String base = name == null ? "" : name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        StringBuilder out = new StringBuilder(base.length());
        base.codePoints()
                .filter(c -> c != '"' && c != '\\' && !Character.isISOControl(c)
                        && Character.getType(c) != Character.FORMAT && c != 0x2028 && c != 0x2029)
                .forEach(out::appendCodePoint);
        String cleaned = out.toString().strip();
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
            return FALLBACK;
        }
        return cleaned;
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
}
