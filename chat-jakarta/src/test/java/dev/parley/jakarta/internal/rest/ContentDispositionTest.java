package dev.parley.jakarta.internal.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ContentDispositionTest {

    @Test
    void plainNameIsQuotedAndEncoded() {
        assertEquals("attachment; filename=\"notes.txt\"; filename*=UTF-8''notes.txt",
                ContentDisposition.attachment("notes.txt"));
    }

    @Test
    void directoryPartsAreDropped() {
        assertEquals("passwd", ContentDisposition.safeName("../../etc/passwd"));
        assertEquals("evil.bat", ContentDisposition.safeName("C:\\Windows\\evil.bat"));
    }

    @Test
    void quotesAndLineBreaksCannotSplitTheHeader() {
        String header = ContentDisposition.attachment("a\"b\r\nSet-Cookie: x=1.txt");
        assertFalse(header.contains("\r") || header.contains("\n"), header);
        assertEquals("attachment; filename=\"abSet-Cookie: x=1.txt\"; filename*=UTF-8''abSet-Cookie%3A%20x%3D1.txt", header);
    }

    @Test
    void nonAsciiNameIsKeptInFilenameStarOnly() {
        assertEquals("attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf",
                ContentDisposition.attachment("résumé.pdf"));
    }

    @Test
    void nothingLeftBecomesFile() {
        assertEquals("file", ContentDisposition.safeName("dir/"));
        assertEquals("file", ContentDisposition.safeName(".."));
        assertEquals("file", ContentDisposition.safeName(null));
    }
}
