package dev.parley.standalone.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory of uploads in progress: its own per process, cleared when its process is gone. */
class ScratchDirectoryTest {

    @TempDir
    Path parent;

    private List<Path> children() throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.sorted().toList();
        }
    }

    @Test
    void theDirectoryOfAProcessThatIsGoneIsDeletedWithItsHalfUploads() throws IOException {
        Path dead = Files.createDirectories(parent.resolve("5b0c7e52-dead"));
        Files.write(dead.resolve(ScratchDirectory.LOCK), new byte[0]); // nobody holds its lock
        Files.write(dead.resolve("MIME123.tmp"), new byte[4096]);
        try (ScratchDirectory scratch = ScratchDirectory.open(parent)) {
            assertEquals(List.of(scratch.path()), children());
            assertFalse(Files.exists(dead));
        }
    }

    @Test
    void aLiveProcessKeepsItsDirectoryAndCloseDeletesIt() throws IOException {
        try (ScratchDirectory first = ScratchDirectory.open(parent)) {
            Path upload = Files.write(first.path().resolve("MIME1.tmp"), new byte[10]);
            try (ScratchDirectory second = ScratchDirectory.open(parent)) {
                assertNotEquals(first.path(), second.path());
                assertTrue(Files.exists(upload), "another server's upload in progress is left alone");
            }
            assertEquals(List.of(first.path()), children());
        }
        assertEquals(List.of(), children());
    }

    @Test
    void aDirectoryWithoutLockIsNotTakenForAbandoned() throws IOException {
        Path other = Files.createDirectories(parent.resolve("not-ours"));
        try (ScratchDirectory scratch = ScratchDirectory.open(parent)) {
            assertTrue(Files.isDirectory(other));
            assertTrue(Files.isDirectory(scratch.path()));
        }
    }
}
