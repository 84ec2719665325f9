package dev.parley.client.it;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every REST helper of {@link ChatClient} against a real server. */
class RestHelpersIT {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ChatClient loggedIn(String name) {
        ChatClient c = server.user(name, new Recorder());
        c.login();
        return c;
    }

    @Test
    void registerLoginMeAndProfile() {
        String name = TestServer.name("reg");
        try (ChatClient c = TestServer.client(server.url()).credentials(name, TestServer.PASSWORD).build()) {
            User u = c.register(name, TestServer.PASSWORD);
            assertEquals(name, u.username());
            ChatClientException taken = assertThrows(ChatClientException.class, () -> c.register(name, TestServer.PASSWORD));
            assertEquals(ErrorCode.CONFLICT, taken.code());
            assertEquals(OptionalInt.of(409), taken.httpStatus());
            assertFalse(taken.getMessage().isBlank());
            ChatClientException shortPassword = assertThrows(ChatClientException.class,
                    () -> c.register(TestServer.name("short"), "short"));
            assertEquals(ErrorCode.BAD_REQUEST, shortPassword.code());

            assertTrue(c.token().isEmpty());
            LoginResult login = c.login();
            assertEquals(Optional.of(login.token()), c.token());
            assertEquals(u.id(), c.me().id());
            assertEquals(name, c.user(name).username());
            assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChatClientException.class,
                    () -> c.user("no-such-user-here")).code());
        }
    }

    @Test
    void badCredentialsAreUnauthorized() {
        String name = TestServer.name("bad");
        try (ChatClient c = TestServer.client(server.url()).credentials(name, "wrong password").build()) {
            assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatClientException.class, c::login).code());
        }
    }

    @Test
    void tokenOnlyClientWorksAndLogoutRevokesTheToken() {
        String name = TestServer.name("tok");
        String token;
        try (ChatClient c = loggedIn(name)) {
            token = c.token().orElseThrow();
        }
        try (ChatClient byToken = TestServer.client(server.url()).token(token).build()) {
            assertEquals(name, byToken.me().username());
            byToken.logout();
            ChatClientException refused = assertThrows(ChatClientException.class, byToken::me);
            assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
        }
        try (ChatClient again = TestServer.client(server.url()).token(token).build()) {
            assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatClientException.class, again::rooms).code());
        }
    }

    @Test
    void roomsCreateGetJoinLeaveAndMembers() {
        String ownerName = TestServer.name("owner");
        String guestName = TestServer.name("guest");
        try (ChatClient owner = loggedIn(ownerName); ChatClient guest = loggedIn(guestName)) {
            String pub = TestServer.name("pub");
            Room created = owner.createRoom(pub, Optional.of("Public room"), Visibility.PUBLIC, List.of());
            assertEquals(pub, created.id());
            assertEquals("Public room", created.name());
            assertEquals(ownerName, created.owner());
            assertEquals(ErrorCode.CONFLICT, assertThrows(ChatClientException.class,
                    () -> owner.createRoom(pub, Visibility.PUBLIC)).code());
            assertEquals(created, guest.room(pub));

            RoomListing before = guest.rooms().stream().filter(l -> l.room().id().equals(pub)).findFirst().orElseThrow();
            assertFalse(before.member());
            guest.join(pub);
            assertTrue(guest.rooms().stream().anyMatch(l -> l.room().id().equals(pub) && l.member()));
            List<Member> members = owner.members(pub);
            assertTrue(members.contains(new Member(ownerName, Role.OWNER, false)), members.toString());
            assertTrue(members.stream().anyMatch(m -> m.username().equals(guestName) && m.role() == Role.MEMBER));
            guest.leave(pub);
            assertTrue(owner.members(pub).stream().noneMatch(m -> m.username().equals(guestName)));

            String priv = TestServer.name("priv");
            owner.createRoom(priv, Visibility.PRIVATE);
            assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChatClientException.class, () -> guest.room(priv)).code());
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatClientException.class, () -> guest.join(priv)).code());
            owner.addMember(priv, guestName);
            assertEquals(Visibility.PRIVATE, guest.room(priv).visibility());
            assertTrue(guest.members(priv).stream().anyMatch(m -> m.username().equals(guestName)));
        }
    }

    @Test
    void historyPagesOfRoomsAndDirectConversations() throws Exception {
        String aName = TestServer.name("hista");
        String bName = TestServer.name("histb");
        try (ChatClient a = loggedIn(aName); ChatClient b = loggedIn(bName)) {
            String room = TestServer.name("hist");
            a.createRoom(room, Visibility.PUBLIC);
            a.connect().get(10, TimeUnit.SECONDS);
            for (int i = 1; i <= 5; i++) {
                a.send(room, "line " + i).get(10, TimeUnit.SECONDS);
            }
            HistoryPage latest = a.history(room, PageRequest.latest(3));
            assertEquals(List.of("line 3", "line 4", "line 5"), latest.messages().stream().map(Message::text).toList());
            assertTrue(latest.hasMore());
            long firstSeq = latest.messages().get(0).seq();
            HistoryPage older = a.history(room, PageRequest.before(firstSeq, 50));
            assertEquals("line 2", older.messages().get(older.messages().size() - 1).text());
            HistoryPage after = a.history(room, PageRequest.after(firstSeq, 1));
            assertEquals(List.of("line 4"), after.messages().stream().map(Message::text).toList());

            String dmRoom = a.sendDirect(bName, "psst").get(10, TimeUnit.SECONDS).room();
            HistoryPage dm = b.directHistory(aName, PageRequest.latest(10));
            // the SDK fills gaps in direct rooms through the room endpoint with the dm.<a>.<b> id
            assertEquals(dm, b.history(dmRoom, PageRequest.latest(10)));
            assertEquals(1, dm.messages().size());
            assertEquals(MessageKind.PRIVATE, dm.messages().get(0).kind());
            assertEquals("psst", dm.messages().get(0).text());
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatClientException.class,
                    () -> b.history(room, PageRequest.latest(1))).code());
        }
    }

    @Test
    void onlineUsersListsConnectedClients() throws Exception {
        String name = TestServer.name("online");
        try (ChatClient c = loggedIn(name)) {
            assertFalse(c.onlineUsers().contains(name));
            c.join("general");
            c.connect().get(10, TimeUnit.SECONDS);
            // The server registers a connection just after its welcome, before handling its first
            // frame: once a subscribe is answered, the user is listed.
            c.subscribe("general").get(10, TimeUnit.SECONDS);
            assertTrue(c.onlineUsers().contains(name));
            assertTrue(c.user(name).online());
        }
    }

    @Test
    void uploadFromPathAndStreamThenDownloadToStreamAndPath(@TempDir Path dir) throws Exception {
        String name = TestServer.name("files");
        try (ChatClient c = loggedIn(name)) {
            String room = TestServer.name("files");
            c.createRoom(room, Visibility.PUBLIC);
            byte[] bytes = new byte[300_000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 7 + 3);
            }
            Path source = dir.resolve("data.bin");
            Files.write(source, bytes);
            SharedFile fromPath = c.upload(room, source, "application/octet-stream");
            assertEquals("data.bin", fromPath.file().name());
            assertEquals(bytes.length, fromPath.file().size());
            assertEquals(MessageKind.FILE_SHARED, fromPath.message().kind());
            assertEquals(room, fromPath.message().room());

            SharedFile fromStream = c.upload(room, new ByteArrayInputStream("héllo".getBytes(StandardCharsets.UTF_8)),
                    "meeting notes (v2).txt", "text/plain");
            assertEquals("meeting notes (v2).txt", fromStream.file().name());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FileInfo got = c.download(fromPath.file().id(), out);
            assertArrayEquals(bytes, out.toByteArray());
            assertEquals(bytes.length, got.size());
            assertEquals("data.bin", got.name());

            FileInfo intoDir = c.download(fromStream.file().id(), dir);
            assertEquals("meeting notes (v2).txt", intoDir.name());
            assertEquals("héllo", Files.readString(dir.resolve(intoDir.name())));
            Path explicit = dir.resolve("copy.bin");
            c.download(fromPath.file().id(), explicit);
            assertArrayEquals(bytes, Files.readAllBytes(explicit));

            assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChatClientException.class,
                    () -> c.download("no-such-file", new ByteArrayOutputStream())).code());
            try (var listing = Files.list(dir)) {
                assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
            }
        }
    }

    @Test
    void aSharedImageHasAThumbnailAndOtherFilesNone() throws Exception {
        try (ChatClient c = loggedIn(TestServer.name("thumbs"))) {
            String room = TestServer.name("thumbs");
            c.createRoom(room, Visibility.PUBLIC);
            SharedFile picture = c.upload(room, new ByteArrayInputStream(greyPng(720, 1440)), "tall.png", "image/png");
            SharedFile text = c.upload(room, new ByteArrayInputStream("words".getBytes(StandardCharsets.UTF_8)),
                    "notes.txt", "text/plain");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FileInfo got = c.thumbnail(picture.file().id(), out);
            assertEquals("image/jpeg", got.contentType());
            assertEquals(out.size(), got.size());
            byte[] jpeg = out.toByteArray();
            assertTrue(jpeg.length > 100 && (jpeg[0] & 0xff) == 0xff && (jpeg[1] & 0xff) == 0xd8, "JPEG bytes");

            assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChatClientException.class,
                    () -> c.thumbnail(text.file().id(), new ByteArrayOutputStream())).code());
            assertEquals(ErrorCode.NOT_FOUND, assertThrows(ChatClientException.class,
                    () -> c.thumbnail("no-such-file", new ByteArrayOutputStream())).code());
        }
    }

    /** A black 8-bit greyscale PNG, made by hand (the SDK's module does not read java.desktop). */
    private static byte[] greyPng(int width, int height) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", ihdr.array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(idat)) {
            byte[] row = new byte[width + 1];
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(java.io.DataOutputStream out, String type, byte[] data) throws java.io.IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void uploadAboveTheLimitIsTooLarge() {
        String name = TestServer.name("big");
        try (ChatClient c = loggedIn(name)) {
            String room = TestServer.name("big");
            c.createRoom(room, Visibility.PUBLIC);
            byte[] tooBig = new byte[10 * 1024 * 1024 + 1];
            ChatClientException e = assertThrows(ChatClientException.class,
                    () -> c.upload(room, new ByteArrayInputStream(tooBig), "big.bin", "application/octet-stream"));
            assertEquals(ErrorCode.TOO_LARGE, e.code());
        }
    }

    @Test
    void announcementsByAnAdminOnly() {
        try (ChatClient admin = loggedIn(TestServer.ADMIN); ChatClient user = loggedIn(TestServer.name("plain"))) {
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatClientException.class, () -> user.announce("hi")).code());
            admin.announce("maintenance at noon");
            Optional<Message> latest = user.latestAnnouncement();
            assertTrue(latest.isPresent());
            assertEquals("maintenance at noon", latest.get().text());
            assertEquals(MessageKind.SYSTEM, latest.get().kind());
        }
    }

    @Test
    void eventsLongPollWaitsForTheNextMessage() throws Exception {
        String aName = TestServer.name("eva");
        String bName = TestServer.name("evb");
        try (ChatClient a = loggedIn(aName); ChatClient b = loggedIn(bName)) {
            String room = TestServer.name("ev");
            a.createRoom(room, Visibility.PUBLIC);
            b.join(room);
            EventsPage now = b.events(0, Duration.ZERO);
            long cursor = now.cursor();
            CompletableFuture<EventsPage> waiting = CompletableFuture.supplyAsync(() -> b.events(cursor, Duration.ofSeconds(20)));
            a.connect().get(10, TimeUnit.SECONDS);
            a.send(room, "wake up").get(10, TimeUnit.SECONDS);
            EventsPage page = waiting.get(20, TimeUnit.SECONDS);
            assertTrue(page.events().stream().anyMatch(m -> m.text().equals("wake up")), page.toString());
            assertTrue(page.cursor() > cursor);
        }
    }
}
