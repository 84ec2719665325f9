package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.core.FileDownload;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Sharing and downloading files. */
@Timeout(60)
class FilesTest {
    private static final byte[] CONTENT = "%PDF-1.7 not really a pdf\n".getBytes(StandardCharsets.UTF_8);

    private final Chat chat = TestChats.chat(TestChats.config().maxUploadBytes(1024), new MutableClock());
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");

    FilesTest() {
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private SharedFile share(String name, byte[] bytes) {
        return chat.shareFile(alice, "team", name, "application/pdf", new ByteArrayInputStream(bytes));
    }

    @Test
    void shareFileStoresItAndPostsFileSharedWithItsInfo() throws Exception {
        TestClient bobLive = TestClient.connect(chat, bob);
        bobLive.subscribe("team");

        SharedFile shared = share("report.pdf", CONTENT);

        FileInfo info = shared.file();
        assertEquals("report.pdf", info.name());
        assertEquals(CONTENT.length, info.size());
        assertEquals("application/pdf", info.contentType());
        assertFalse(info.id().isBlank());
        Message m = shared.message();
        assertEquals(MessageKind.FILE_SHARED, m.kind());
        assertEquals("alice", m.from());
        assertEquals("team", m.room());
        assertEquals(Optional.of(info), m.file());
        assertEquals(List.of(m), chat.history(bob, "team", PageRequest.latest(10)).messages());
        assertEquals(m, bobLive.next(ServerFrame.MessageFrame.class).message(), "subscribers see the file message live");
    }

    @Test
    void fileNameIsStrippedOfDirectories() {
        assertEquals("passwd", share("../../etc/passwd", CONTENT).file().name());
        assertEquals("report.pdf", share("C:\\Users\\alice\\report.pdf", CONTENT).file().name());
    }

    @Test
    void missingContentTypeIsStoredAsOctetStreamAndABadOneRefused() {
        SharedFile f = chat.shareFile(alice, "team", "blob", null, new ByteArrayInputStream(CONTENT));
        assertEquals("application/octet-stream", f.file().contentType());
        assertRefused(ErrorCode.BAD_REQUEST,
                () -> chat.shareFile(alice, "team", "blob", "not a type", new ByteArrayInputStream(CONTENT)));
    }

    @Test
    void fileOverTheLimitIsTooLargeAndPostsNothing() {
        assertEquals(1024, share("exact.bin", new byte[1024]).file().size(), "exactly the limit is accepted");
        assertRefused(ErrorCode.TOO_LARGE, () -> share("big.bin", new byte[1025]));
        List<Message> history = chat.history(alice, "team", PageRequest.latest(10)).messages();
        assertEquals(List.of("exact.bin"), history.stream().map(Message::text).toList());
    }

    @Test
    void memberOpensTheSameBytes() throws Exception {
        SharedFile shared = share("report.pdf", CONTENT);
        try (FileDownload d = chat.openFile(bob, shared.file().id())) {
            assertEquals(shared.file(), d.file());
            assertEquals("team", d.room());
            assertArrayEquals(CONTENT, d.content().readAllBytes());
        }
    }

    @Test
    void nonMemberCannotShareOrOpen() {
        SharedFile shared = share("report.pdf", CONTENT);
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.openFile(carol, shared.file().id()));
        assertRefused(ErrorCode.FORBIDDEN,
                () -> chat.shareFile(carol, "team", "x.txt", "text/plain", new ByteArrayInputStream(CONTENT)));
        chat.leave(bob, "team");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.openFile(bob, shared.file().id()), "a former member neither");
    }

    @Test
    void unknownFileIdIsNotFound() {
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.openFile(alice, "no-such-file"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.openFile(alice, "../../etc/passwd"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.openFile(alice, null));
    }

    @Test
    void shareIntoAnUnknownRoomIsNotFound() {
        assertRefused(ErrorCode.NOT_FOUND,
                () -> chat.shareFile(alice, "nowhere", "x.txt", "text/plain", new ByteArrayInputStream(CONTENT)));
    }
}
