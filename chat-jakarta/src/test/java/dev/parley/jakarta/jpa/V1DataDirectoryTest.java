package dev.parley.jakarta.jpa;

import dev.parley.core.Chat;
import dev.parley.core.FileDownload;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.Role;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data directory the v1 release's standalone server wrote ({@code fixtures/v1-h2}; its README says
 * how it was made and what it holds) opens with the current stores, opened the way the standalone
 * server opens its embedded database, and keeps every user, room, message and file; the v2 entries
 * then work on the old messages.
 */
class V1DataDirectoryTest {

    /** The H2 options of the standalone's embedded database (ServerStorage.embeddedUrl), with its user. */
    private static final String H2_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";

    private static final String FILE_ID = "TYBxZjVbJk9QhObpyLInQA";
    private static final long HELLO = 758317103685632L;
    private static final long THIRD = 758317104095232L;
    private static final long SHARED = 758317104480256L;

    @TempDir
    Path dataDir;
    private String url;

    @BeforeEach
    void copyTheFixture() throws IOException, URISyntaxException {
        java.net.URI uri = V1DataDirectoryTest.class.getResource("/fixtures/v1-h2").toURI();
        if ("jar".equals(uri.getScheme())) { // this class run from chat-jakarta's test jar (on Hibernate, by the Spring starter)
            try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
                copy(jar.provider().getPath(uri));
            }
        } else {
            copy(Path.of(uri));
        }
        url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("parley") + H2_OPTIONS;
    }

    private void copy(Path fixture) throws IOException {
        try (Stream<Path> files = Files.walk(fixture)) {
            files.forEach(from -> {
                Path to = dataDir.resolve(fixture.relativize(from).toString());
                try {
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else if (!from.getFileName().toString().equals("README.md")) {
                        Files.copy(from, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private JpaStores open() {
        return JpaStores.resourceLocal(url, "sa", "");
    }

    private Chat chat(JpaStores stores) {
        return stores.applyTo(Chat.builder()).fileStore(FileStore.directory(dataDir.resolve("files"))).build();
    }

    private static Message v1(long id, String room, long seq, MessageKind kind, String from, String text, String at,
                              String clientMsgId) {
        return new Message(id, room, seq, kind, from, text, Instant.parse(at), Optional.ofNullable(clientMsgId),
                Optional.empty());
    }

    @Test
    void everyUserRoomMessageAndFileOfV1IsThere() throws Exception {
        try (JpaStores stores = open(); Chat chat = chat(stores)) {
            User alice = chat.login("alice", "alice-secret-1").user();
            User bob = chat.login("bob", "bob-secret-12").user();
            assertEquals(new User("034ae171-587d-41e3-aa4f-e2544ea9d7dd", "alice", Instant.parse("2026-12-07T09:20:05.286Z")),
                    alice);
            assertEquals("23f3dd90-b8cd-4b73-8327-a7374d6fe510", bob.id());

            Map<String, Visibility> rooms = new java.util.TreeMap<>();
            for (RoomListing listing : chat.rooms(alice)) {
                rooms.put(listing.room().id(), listing.room().visibility());
            }
            assertEquals(Map.of("dm.alice.bob", Visibility.DIRECT, "fixture", Visibility.PUBLIC,
                    "general", Visibility.PUBLIC), rooms);
            assertEquals(Set.of(new Member("alice", Role.OWNER, false), new Member("bob", Role.MEMBER, false)),
                    new HashSet<>(chat.members(alice, "fixture")));

            FileInfo file = new FileInfo(FILE_ID, "v1-note.txt", 18, "text/plain");
            assertEquals(List.of(
                    v1(758317103087616L, "fixture", 1, MessageKind.USER_JOINED, "bob", "bob joined",
                            "2026-12-07T09:20:05.742Z", null),
                    v1(HELLO, "fixture", 2, MessageKind.CHAT, "alice", "hello from v1", "2026-12-07T09:20:05.769Z",
                            "v1-c1"),
                    v1(758317104005120L, "fixture", 3, MessageKind.CHAT, "bob", "hi alice, ünïcødé ✓",
                            "2026-12-07T09:20:05.857Z", "v1-c2"),
                    v1(THIRD, "fixture", 4, MessageKind.CHAT, "alice", "a third one, no client id",
                            "2026-12-07T09:20:05.871Z", null),
                    new Message(SHARED, "fixture", 5, MessageKind.FILE_SHARED, "alice", "v1-note.txt",
                            Instant.parse("2026-12-07T09:20:05.916Z"), Optional.empty(), Optional.of(file))),
                    chat.history(alice, "fixture", PageRequest.latest(50)).messages(),
                    "v1 rows, NULL in every new column, read as messages never edited, deleted, reacted to or replied to");
            assertEquals(List.of("bob joined", "in general"), chat.history(bob, "general", PageRequest.latest(50))
                    .messages().stream().map(Message::text).toList());
            assertEquals(List.of(
                    v1(758317104627712L, "dm.alice.bob", 1, MessageKind.PRIVATE, "alice", "a private word",
                            "2026-12-07T09:20:05.934Z", "v1-dm1"),
                    v1(758317142851584L, "dm.alice.bob", 2, MessageKind.PRIVATE, "bob", "a private answer",
                            "2026-12-07T09:20:10.600Z", null)),
                    chat.directHistory(bob, "alice", PageRequest.latest(50)).messages());

            try (FileDownload download = chat.openFile(bob, FILE_ID)) {
                assertEquals(file, download.file());
                assertEquals("fixture file body\n", new String(download.content().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(Optional.of(SHARED), stores.messages().findByFileId(FILE_ID).map(Message::id));
            assertEquals(5, stores.messages().lastSeq("fixture"));
        }
    }

    @Test
    void aClientMsgIdV1StoredStillReturnsTheOldMessage() throws Exception {
        try (JpaStores stores = open(); Chat chat = chat(stores)) {
            User alice = chat.login("alice", "alice-secret-1").user();
            Message again = chat.send(alice, "fixture", "hello from v1", Optional.of("v1-c1"));
            assertEquals(HELLO, again.id());
            assertEquals(2, again.seq());
            AppendResult direct = stores.messages().append(new NewMessage("dm.alice.bob", MessageKind.PRIVATE, "alice",
                    "a private word", Instant.now(), Optional.of("v1-dm1"), Optional.empty()), () -> 1);
            assertFalse(direct.created());
            assertEquals(758317104627712L, direct.message().id());
            assertEquals(6, chat.send(alice, "fixture", "new in v2", Optional.of("v2-c1")).seq(),
                    "the room's counter continues where v1 left it");
        }
    }

    @Test
    void editsReactionsThreadsAndDeletionsWorkOnV1MessagesAndSurviveAReopen() throws Exception {
        try (JpaStores stores = open(); Chat chat = chat(stores)) {
            User alice = chat.login("alice", "alice-secret-1").user();
            User bob = chat.login("bob", "bob-secret-12").user();
            chat.edit(alice, "fixture", THIRD, "a third one, edited in v2", Optional.empty());
            chat.react(bob, "fixture", HELLO, "👍", Optional.empty());
            chat.react(alice, "fixture", HELLO, "👍", Optional.empty());
            Message reply = chat.send(bob, "fixture", Draft.of("a reply in a thread").inThread(HELLO));
            chat.delete(alice, "fixture", SHARED, Optional.empty());
            assertEquals(List.of(6L, 7L, 8L, 9L, 10L), chat.history(alice, "fixture", PageRequest.after(5, 50))
                    .messages().stream().map(Message::seq).toList());
            assertEquals(List.of(reply.id()), chat.thread(alice, "fixture", HELLO, PageRequest.latest(10))
                    .messages().stream().map(Message::id).toList());
        }

        try (JpaStores stores = open(); Chat chat = chat(stores)) {
            User bob = chat.login("bob", "bob-secret-12").user();
            Message hello = chat.message(bob, "fixture", HELLO);
            assertEquals(List.of(new Reaction("👍", 2, true)), hello.state().reactions());
            assertEquals(1, hello.state().replies());
            Message third = chat.message(bob, "fixture", THIRD);
            assertEquals("a third one, edited in v2", third.text());
            assertTrue(third.state().editedAt().isPresent());
            Message shared = chat.message(bob, "fixture", SHARED);
            assertTrue(shared.state().deleted());
            assertEquals(Optional.empty(), shared.file());
            assertEquals(Optional.empty(), stores.messages().findByFileId(FILE_ID));
            ChatException gone = assertThrows(ChatException.class, () -> chat.openFile(bob, FILE_ID));
            assertEquals(ErrorCode.NOT_FOUND, gone.code());
            assertEquals(MessageState.ORIGINAL, chat.message(bob, "fixture", 758317104005120L).state());
        }
    }

    @Test
    void v1UsersGainDisplayNamesPasswordChangesAndBlocksThatSurviveAReopen() throws Exception {
        String kept;
        String v1Token;
        try (JpaStores stores = open(); Chat chat = chat(stores)) {
            User alice = chat.login("alice", "alice-secret-1").user();
            User bob = chat.login("bob", "bob-secret-12").user();
            assertEquals(Optional.empty(), alice.displayName(), "a v1 user has no display name");
            v1Token = chat.login("alice", "alice-secret-1").token();
            kept = chat.login("alice", "alice-secret-1").token();
            chat.setDisplayName(alice, Optional.of("Alice of v1"));
            chat.changePassword(alice, Optional.of(kept), "alice-secret-1", "alice-secret-2");
            chat.block(alice, "bob");
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatException.class,
                    () -> chat.sendDirect(bob, "alice", "let me in", Optional.empty())).code());
        }
        try (JpaStores stores = open(); Chat chat = chat(stores)) {
            assertEquals(Optional.of("Alice of v1"), chat.authenticate(kept).displayName());
            assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatException.class, () -> chat.authenticate(v1Token)).code(),
                    "the other token stays revoked after a restart");
            User bob = chat.login("bob", "bob-secret-12").user();
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatException.class,
                    () -> chat.sendDirect(bob, "alice", "let me in", Optional.empty())).code(), "the block holds");
            assertEquals("alice", chat.login("alice", "alice-secret-2").user().username());
            assertEquals(List.of("bob"), chat.blocks(chat.authenticate(kept)).stream().map(p -> p.username()).toList());
        }
    }

    @Test
    void theUpgradedSchemaHasTheNewTableColumnsAndIndexes() throws Exception {
        open().close();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Set<String> tables = new HashSet<>();
            for (String table : TestDatabase.parleyTables(c)) {
                tables.add(table.toLowerCase(Locale.ROOT));
            }
            assertTrue(tables.contains("parley_reactions"), tables.toString());
            Set<String> columns = new HashSet<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), "PARLEY_MESSAGES", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            assertTrue(columns.containsAll(Set.of("reply_to", "thread_id", "target_id", "emoji", "reaction_active",
                    "edited_at_ms", "deleted", "replies", "last_reply_at_ms")), columns.toString());
            Set<String> indexes = new HashSet<>();
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, c.getSchema(), "PARLEY_MESSAGES", false, false)) {
                while (rs.next()) {
                    indexes.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                }
            }
            assertTrue(indexes.containsAll(Set.of("parley_messages_thread", "parley_messages_target",
                    "parley_messages_room_seq", "parley_messages_idem")), indexes.toString());
        }
    }
}
