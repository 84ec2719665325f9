package dev.parley.jakarta.internal.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The file name of a multipart part as a browser meant it. Browsers (per the HTML standard) send the
 * name as raw UTF-8 bytes with {@code "}, CR and LF percent-encoded; Jersey reads part headers as
 * ISO-8859-1, so a name like {@code résumé.pdf} arrives as mojibake unless its bytes are read again.
 */
final class MultipartFileName {
    private MultipartFileName() {
    }

    static String decode(String headerValue) {
        String name = headerValue;
        if (name.chars().allMatch(c -> c < 256) && name.chars().anyMatch(c -> c >= 128)) {
            byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
            try {
                name = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notUtf8) {
                // A genuine ISO-8859-1 name: keep it as read.
            }
        }
        return name.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
    }
}
