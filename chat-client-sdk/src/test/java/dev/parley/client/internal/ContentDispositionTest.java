package dev.parley.client.internal;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContentDispositionTest {

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
    void savedNamesStayInTheirDirectory() {
        assertEquals("passwd", ContentDisposition.safeFileName("../../etc/passwd"));
        assertEquals("x.txt", ContentDisposition.safeFileName("C:\\temp\\x.txt"));
        assertEquals("download", ContentDisposition.safeFileName(".."));
        assertEquals("download", ContentDisposition.safeFileName(""));
        assertEquals("ab", ContentDisposition.safeFileName("a\u0000b"));
    }
}
