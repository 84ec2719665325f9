package dev.parley.protocol;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ContentDispositionTest {

    @Test
    void plainNameIsQuotedAndEncoded() {
        assertEquals("attachment; filename=\"notes.txt\"; filename*=UTF-8''notes.txt",
                ContentDisposition.attachment("notes.txt"));
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
    void quotedFileNameIsRead() {
        assertEquals(Optional.of("report \"q1\".pdf"),
                ContentDisposition.fileName("attachment; filename=\"report \\\"q1\\\".pdf\""));
    }

    @Test
    void extendedFileNameWinsAndIsDecoded() {
        assertEquals(Optional.of("résumé.pdf"), ContentDisposition.fileName(
                "attachment; filename=\"resume.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"));
    }

    @Test
    void tokenFileNameAndMissingOne() {
        assertEquals(Optional.of("a.txt"), ContentDisposition.fileName("attachment; filename=a.txt"));
        assertEquals(Optional.empty(), ContentDisposition.fileName("attachment"));
        assertEquals(Optional.of("b.txt"), ContentDisposition.fileName("attachment; filename*=bad; filename=b.txt"));
    }

    @Test
    void whatTheServerWritesTheClientReadsBack() {
        for (String name : new String[] {"notes.txt", "résumé final.pdf", "a;b=c.txt", "100%.png", "日本語.txt"}) {
            assertEquals(Optional.of(name), ContentDisposition.fileName(ContentDisposition.attachment(name)), name);
        }
    }
}
