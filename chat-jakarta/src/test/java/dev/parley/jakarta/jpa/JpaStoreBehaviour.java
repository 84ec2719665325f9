package dev.parley.jakarta.jpa;

import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.Membership;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.StoredUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the JPA stores must do beyond the SPI contract suites: what survives a restart, how values
 * round-trip through the columns, and what the schema looks like. Runs on H2 and PostgreSQL.
 */
abstract class JpaStoreBehaviour {

    static final Instant T0 = Instant.parse("2024-03-31T01:30:00.123Z");

    TestDatabase db;
    JpaStores stores;
    final AtomicLong ids = new AtomicLong(1000);

    abstract TestDatabase newDatabase();

    @BeforeEach
    void openDatabase() {
        db = newDatabase();
        stores = db.open();
    }

    @AfterEach
    void closeDatabase() throws Exception {
        if (db != null) { // null when the database was skipped
            db.close();
        }
    }

    static NewMessage chat(String room, String from, String text, String clientMsgId) {
        return new NewMessage(room, MessageKind.CHAT, from, text, T0, Optional.ofNullable(clientMsgId), Optional.empty());
    }

    AppendResult append(MessageStore store, NewMessage m) {
        return store.append(m, ids::incrementAndGet);
    }

    @Test
    void everythingStoredIsSeenByAFactoryOpenedLater() {
        stores.users().create(new StoredUser(new User("u1", "Alice", T0), Optional.of("hash")));
        stores.rooms().create(new Room("lobby", "Lobby", Visibility.PRIVATE, "Alice", T0),
                List.of(new Membership("Alice", Role.OWNER)));
        Message m = append(stores.messages(), chat("lobby", "Alice", "hello", "c1")).message();
        byte[] key = stores.tokens().signingKey(() -> new byte[]{1, 2, 3});
        stores.tokens().revoke("t1", T0.plusSeconds(60));
        stores.close();

        JpaStores later = db.open();
        assertEquals("Alice", later.users().find("ALICE").orElseThrow().user().username());
        assertEquals(Optional.of(Role.OWNER), later.rooms().role("lobby", "Alice"));
        assertEquals(List.of(m), later.messages().page("lobby", PageRequest.latest(10)).messages());
        assertArrayEquals(key, later.tokens().signingKey(() -> new byte[]{9}));
        assertTrue(later.tokens().isRevoked("t1"));
    }

    @Test
    void instantsWithMillisecondsRoundTripEqual() {
        Instant[] instants = {T0, Instant.parse("1999-12-31T23:59:59.999Z"), Instant.parse("2024-10-27T01:30:00.001Z"), Instant.parse("2024-03-31T02:30:00.250Z"), Instant.parse("2024-10-27T02:30:00.999Z"),
                Instant.ofEpochMilli(0), Instant.parse("2100-01-01T00:00:00Z")};
        for (int i = 0; i < instants.length; i++) {
            Instant at = instants[i];
            NewMessage m = new NewMessage("r", MessageKind.CHAT, "bob", "t" + i, at, Optional.empty(), Optional.empty());
            append(stores.messages(), m);
            User user = new User("id" + i, "user" + i, at);
            stores.users().create(new StoredUser(user, Optional.empty()));
            assertEquals(user, stores.users().find("user" + i).orElseThrow().user());
            Room room = new Room("room" + i, "Room", Visibility.PUBLIC, "bob", at);
            stores.rooms().create(room, List.of());
            assertEquals(Optional.of(room), stores.rooms().find("room" + i));
        }
        List<Message> stored = stores.messages().page("r", PageRequest.latest(10)).messages();
        for (int i = 0; i < instants.length; i++) {
            assertEquals(instants[i], stored.get(i).createdAt());
        }
    }

    /**
     * Instants whose UTC wall-clock time falls in the spring gap or the autumn overlap of a zone
     * with daylight saving; see InstantConverter for why H2 leaves out the overlap.
     */
    List<Instant> daylightSavingInstants() {
        return List.of(Instant.parse("2024-03-31T02:30:00.250Z"), Instant.parse("2024-03-31T01:30:00.123Z"),
                Instant.parse("2024-10-27T02:30:00.999Z"), Instant.parse("2024-10-27T01:30:00.001Z"));
    }

    @Test
    void instantsRoundTripEqualInAJvmZoneWithDaylightSaving() {
        TimeZone defaultZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try {
            JpaStores berlin = db.open(); // new connections, which pick up the zone
            List<Instant> instants = daylightSavingInstants();
            for (int i = 0; i < instants.size(); i++) {
                Room room = new Room("dst" + i, "Room", Visibility.PUBLIC, "bob", instants.get(i));
                berlin.rooms().create(room, List.of());
                assertEquals(Optional.of(room), berlin.rooms().find(room.id()));
            }
        } finally {
            TimeZone.setDefault(defaultZone);
        }
        for (int i = 0; i < daylightSavingInstants().size(); i++) {
            assertEquals(daylightSavingInstants().get(i), stores.rooms().find("dst" + i).orElseThrow().createdAt(),
                    "read back in a JVM running in " + TimeZone.getDefault().getID());
        }
    }

    @Test
    void longTextsAndFileMetadataRoundTrip() {
        String text = "ü€\uD83D\uDE00".repeat(5000);
        FileInfo file = new FileInfo("f-1", "report (final).pdf", 12_345_678_901L, "application/pdf");
        NewMessage shared = new NewMessage("r", MessageKind.FILE_SHARED, "bob", text, T0, Optional.empty(), Optional.of(file));
        Message stored = append(stores.messages(), shared).message();

        assertEquals(Optional.of(stored), stores.messages().findByFileId("f-1"));
        assertEquals(text, stores.messages().findByFileId("f-1").orElseThrow().text());
        assertEquals(Optional.of(file), stores.messages().findByFileId("f-1").orElseThrow().file());
        assertEquals(Optional.empty(), stores.messages().findByFileId("f-2"));
    }

    @Test
    void lastSeqSurvivesDeletingEveryMessageAndNumberingContinues() {
        MessageStore messages = stores.messages();
        for (int i = 0; i < 5; i++) {
            append(messages, chat("r", "bob", "m" + i, null));
        }
        assertEquals(5, messages.deleteUpTo("r", 5));
        assertEquals(5, messages.lastSeq("r"));
        assertEquals(OptionalLong.empty(), messages.firstSeq("r"));
        assertEquals(6, append(messages, chat("r", "bob", "next", null)).message().seq());
        assertEquals(OptionalLong.of(6), messages.firstSeq("r"));
    }

    @Test
    void repeatReturnsTheFirstMessageWithoutDrawingAnId() {
        AtomicInteger drawn = new AtomicInteger();
        MessageStore messages = stores.messages();
        Message first = messages.append(chat("r", "bob", "hi", "k"), () -> 100 + drawn.incrementAndGet()).message();
        AppendResult again = messages.append(chat("r", "bob", "hi (edited)", "k"), () -> 100 + drawn.incrementAndGet());

        assertFalse(again.created());
        assertEquals(first, again.message());
        assertEquals(1, drawn.get());
        // the key is per sender: another sender's same key is a new message
        assertTrue(messages.append(chat("r", "carol", "hi", "k"), () -> 200).created());
    }

    @Test
    void schemaHasPrefixedTablesAndAUniqueIndexOnRoomAndSeq() throws Exception {
        try (Connection c = db.jdbc()) {
            List<String> tables = TestDatabase.parleyTables(c).stream().map(String::toLowerCase).sorted().toList();
            assertEquals(List.of("parley_blocks", "parley_members", "parley_mentions", "parley_messages", "parley_reactions",
                    "parley_read_markers", "parley_revoked_tokens", "parley_room_seq", "parley_rooms", "parley_sanctions",
                    "parley_schema_history", "parley_signing_key", "parley_users"), tables);
            String messagesTable = TestDatabase.parleyTables(c).stream()
                    .filter(t -> t.equalsIgnoreCase("parley_messages")).findFirst().orElseThrow();
            boolean roomSeqUnique = false;
            // Only the connection's own schema: another schema of a shared PostgreSQL (a concurrent run, a
            // benchmark) may hold a parley_messages of its own, whose index rows would interleave with ours.
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, c.getSchema(), messagesTable, true, false)) {
                StringBuilder columns = new StringBuilder();
                String index = null;
                while (rs.next()) {
                    if (!rs.getString("INDEX_NAME").equals(index)) {
                        roomSeqUnique |= columns.toString().equals("room_id,seq,");
                        index = rs.getString("INDEX_NAME");
                        columns.setLength(0);
                    }
                    columns.append(rs.getString("COLUMN_NAME").toLowerCase()).append(',');
                }
                roomSeqUnique |= columns.toString().equals("room_id,seq,");
            }
            assertTrue(roomSeqUnique, "a unique index on parley_messages(room_id, seq)");
        }
    }
}
