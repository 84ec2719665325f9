package dev.parley.jakarta.jpa;

import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.SearchQuery;
import dev.parley.core.spi.SearchWords;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lucene index of the JPA stores on an H2 file database (the standalone server's storage): kept
 * beside the database, and brought back to what the database holds at the next start when it is
 * missing, or behind because the process ended between a database commit and the index's own.
 */
class SearchIndexRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    /** Real-looking message ids (time-based, as the engine's), so the restart's slack means what it does in production. */
    private final AtomicLong nextId = new AtomicLong(((Instant.now().toEpochMilli() - 1_704_067_200_000L) << 8) << 5);
    private final LongSupplier ids = nextId::incrementAndGet;

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db").resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private Path index() {
        return dir.resolve("db").resolve("parley.search");
    }

    private Message post(MessageStore store, String text) {
        return store.append(new NewMessage("lobby", MessageKind.CHAT, "alice", text, T0, Optional.empty(),
                Optional.empty()), ids).message();
    }

    private static List<Long> hits(MessageStore store, String q) {
        return store.search(new SearchQuery(q, SearchWords.of(q), Set.of("lobby"), OptionalLong.empty(), 50))
                .messages().stream().map(Message::id).toList();
    }

    @Test
    void theIndexLivesBesideTheDatabaseAndSurvivesARestart() {
        Message m;
        try (JpaStores stores = JpaStores.resourceLocal(url(), "sa", "")) {
            m = post(stores.messages(), "the quarterly numbers");
        }
        assertTrue(Files.isDirectory(index()), "expected the index at " + index());
        try (JpaStores stores = JpaStores.resourceLocal(url(), "sa", "")) {
            assertEquals(List.of(m.id()), hits(stores.messages(), "quarter numb"));
        }
    }

    @Test
    void aMissingIndexIsBuiltFromTheDatabase() throws IOException {
        Message kept;
        try (JpaStores stores = JpaStores.resourceLocal(url(), "sa", "")) {
            kept = post(stores.messages(), "alpha release notes");
            Message gone = post(stores.messages(), "alpha secrets");
            stores.messages().append(NewMessage.acting("lobby", MessageKind.DELETE, "alice", "", T0.plusSeconds(1),
                    Optional.empty(), gone.id(), Optional.empty()), ids);
        }
        deleteRecursively(index());
        try (JpaStores stores = JpaStores.resourceLocal(url(), "sa", "")) {
            assertEquals(List.of(kept.id()), hits(stores.messages(), "alpha"));
        }
    }

    @Test
    void anIndexBehindTheDatabaseCatchesUpAtTheNextStart() throws IOException {
        Message edited;
        Message deleted;
        try (JpaStores stores = JpaStores.resourceLocal(url(), "sa", "")) {
            edited = post(stores.messages(), "draft agenda");
            deleted = post(stores.messages(), "draft budget");
        }
        Path snapshot = dir.resolve("index-before");
        copyRecursively(index(), snapshot);
        Message added;
        try (JpaStores stores = JpaStores.resourceLocal(url(), "sa", "")) {
            added = post(stores.messages(), "draft minutes");
            stores.messages().append(NewMessage.acting("lobby", MessageKind.EDIT, "alice", "final agenda",
                    T0.plusSeconds(1), Optional.empty(), edited.id(), Optional.empty()), ids);
            stores.messages().append(NewMessage.acting("lobby", MessageKind.DELETE, "alice", "", T0.plusSeconds(2),
                    Optional.empty(), deleted.id(), Optional.empty()), ids);
        }
        // As if the process had died after those commits and before the index committed them:
        deleteRecursively(index());
        copyRecursively(snapshot, index());
        try (JpaStores stores = JpaStores.resourceLocal(url(), "sa", "")) {
            assertEquals(List.of(added.id()), hits(stores.messages(), "draft"));
            assertEquals(List.of(edited.id()), hits(stores.messages(), "final agenda"));
            assertEquals(List.of(), hits(stores.messages(), "budget"));
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        try (Stream<Path> all = Files.walk(p)) {
            for (Path x : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(x);
            }
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path x : all.toList()) {
                Path target = to.resolve(from.relativize(x).toString());
                if (Files.isDirectory(x)) {
                    Files.createDirectories(target);
                } else if (!x.getFileName().toString().equals("write.lock")) {
                    Files.copy(x, target);
                }
            }
        }
    }
}
