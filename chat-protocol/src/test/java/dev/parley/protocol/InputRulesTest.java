package dev.parley.protocol;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputRulesTest {

    @Test
    void usernamesFollowThePattern() {
        assertTrue(InputRules.isUsername("al.ice_-9"));
        assertFalse(InputRules.isUsername("al"));
        assertFalse(InputRules.isUsername("a".repeat(33)));
        assertFalse(InputRules.isUsername("al ice"));
        assertFalse(InputRules.isUsername(null));
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ChatException.class, () -> InputRules.username("x")).code());
    }

    @Test
    void roomIdsAndDirectRoomIds() {
        assertEquals("general", InputRules.roomId("general"));
        assertThrows(ChatException.class, () -> InputRules.roomId("General"));
        assertThrows(ChatException.class, () -> InputRules.roomId("-x"));
        assertThrows(ChatException.class, () -> InputRules.roomId("dm.alice.bob"), "a user room id never holds a dot");
        assertEquals("dm.alice.bob", InputRules.anyRoomId("dm.alice.bob"));
        assertThrows(ChatException.class, () -> InputRules.anyRoomId("dm." + "a".repeat(70)));
        assertTrue(InputRules.isDirectRoomId("dm.alice.bob"));
        assertFalse(InputRules.isDirectRoomId("general"));
        assertFalse(InputRules.isDirectRoomId(null));
    }

    @Test
    void directRoomIdIsLowerCaseAndSorted() {
        assertEquals("dm.alice.bob", InputRules.directRoomId("Bob", "alice"));
        assertEquals("dm.alice.bob", InputRules.directRoomId("alice", "BOB"));
    }

    @Test
    void directPeerIsReadFromTheCallersSide() {
        assertEquals(Optional.of("bob"), InputRules.directPeer("dm.alice.bob", "Alice"));
        assertEquals(Optional.of("alice"), InputRules.directPeer("dm.alice.bob", "bob"));
        assertEquals(Optional.of("b.c"), InputRules.directPeer("dm.a.x.b.c", "a.x"), "names may hold dots");
        assertEquals(Optional.empty(), InputRules.directPeer("dm.alice.bob", "carol"));
        assertEquals(Optional.empty(), InputRules.directPeer("general", "alice"));
    }

    @Test
    void passwordLength() {
        assertThrows(ChatException.class, () -> InputRules.password("1234567"));
        assertEquals("12345678", InputRules.password("12345678"));
        assertThrows(ChatException.class, () -> InputRules.password("x".repeat(InputRules.MAX_PASSWORD + 1)));
    }

    @Test
    void textCountsCodePoints() {
        assertEquals("😀😀", InputRules.text("😀😀", 2));
        ChatException e = assertThrows(ChatException.class, () -> InputRules.text("abc", 2));
        assertEquals("text is 3 characters, the limit is 2", e.getMessage());
        assertThrows(ChatException.class, () -> InputRules.text("  ", 10));
    }

    @Test
    void fileNamesLoseDirectoriesQuotesControlAndFormatCharacters() {
        assertEquals("passwd", InputRules.fileName("../../etc/passwd"));
        assertEquals("evil.bat", InputRules.fileName("C:\\Windows\\evil.bat"));
        assertEquals("ab", InputRules.fileName("a\u0000b"));
        assertEquals("abSet-Cookie: x=1.txt", InputRules.fileName("a\"b\r\nSet-Cookie: x=1.txt"));
        assertEquals("invoicefdp.exe", InputRules.fileName("invoice\u202Efdp.exe"), "no right-to-left override");
        assertEquals("file", InputRules.fileName("dir/"));
        assertEquals("file", InputRules.fileName(".."));
        assertEquals("file", InputRules.fileName(""));
        assertEquals("file", InputRules.fileName(null));
        assertEquals(InputRules.MAX_FILE_NAME, InputRules.fileName("x".repeat(300)).length());
        String cut = InputRules.fileName("x".repeat(254) + "😀");
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 1)), "a surrogate pair is never split");
    }

    @Test
    void fileIdsAreUrlSafeBase64() {
        assertTrue(InputRules.isFileId("AbC-_9"));
        assertFalse(InputRules.isFileId("../x"));
        assertFalse(InputRules.isFileId(""));
        assertFalse(InputRules.isFileId("a".repeat(129)));
        assertFalse(InputRules.isFileId(null));
    }

    @Test
    void contentTypes() {
        assertEquals("application/octet-stream", InputRules.contentType(null));
        assertEquals("text/plain; charset=utf-8", InputRules.contentType(" text/plain; charset=utf-8 "));
        assertThrows(ChatException.class, () -> InputRules.contentType("text"));
    }

    @Test
    void clientMsgIdLength() {
        assertEquals(Optional.empty(), InputRules.clientMsgId(Optional.empty()));
        assertThrows(ChatException.class, () -> InputRules.clientMsgId(Optional.of("")));
        assertThrows(ChatException.class, () -> InputRules.clientMsgId(Optional.of("k".repeat(129))));
    }
}
