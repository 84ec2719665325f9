package dev.parley.jakarta.internal.rest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MultipartFileNameTest {

    private static String asJerseyReadsIt(String utf8Name) {
        return new String(utf8Name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8NameReadAsLatin1IsRestored() {
        assertEquals("résumé 📄.pdf", MultipartFileName.decode(asJerseyReadsIt("résumé 📄.pdf")));
    }

    @Test
    void browserPercentEncodedQuoteIsRestored() {
        assertEquals("say \"hi\".txt", MultipartFileName.decode("say %22hi%22.txt"));
    }

    @Test
    void plainAsciiAndGenuineLatin1NamesAreKept() {
        assertEquals("notes.txt", MultipartFileName.decode("notes.txt"));
        assertEquals("caf\u00e9.txt", MultipartFileName.decode("caf\u00e9.txt"));
    }
}
