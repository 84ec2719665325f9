package dev.parley.jakarta.jpa;

import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A whole chat engine on {@link JpaStores#applyTo}: what it stored is there after a restart. */
class ChatOnJpaStoresTest {

    @Test
    void accountsTokensRoomsAndHistorySurviveARestartOfTheEngine() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            String token;
            Message hello;
            JpaStores firstRun = db.open();
            Chat.Builder builder = Chat.builder();
            assertSame(builder, firstRun.applyTo(builder));
            try (Chat chat = builder.build()) {
                User alice = chat.register("Alice", "correct horse");
                token = chat.login("alice", "correct horse").token();
                chat.join(alice, Chat.GENERAL_ROOM);
                hello = chat.send(alice, Chat.GENERAL_ROOM, "hello", Optional.of("c1"));
            }
            firstRun.close();

            try (JpaStores secondRun = db.open(); Chat chat = secondRun.applyTo(Chat.builder()).build()) {
                User alice = chat.authenticate(token); // the signing key came from the database
                assertEquals("Alice", alice.username());
                List<Message> history = chat.history(alice, Chat.GENERAL_ROOM, PageRequest.latest(10)).messages();
                assertEquals(List.of(MessageKind.USER_JOINED, MessageKind.CHAT), history.stream().map(Message::kind).toList());
                assertEquals(hello, history.get(1));
                assertEquals(hello, chat.send(alice, Chat.GENERAL_ROOM, "hello", Optional.of("c1")), "a repeat");
                assertEquals(3, chat.send(alice, Chat.GENERAL_ROOM, "again", Optional.empty()).seq());
                ChatException taken = assertThrows(ChatException.class, () -> chat.register("ALICE", "another pass"));
                assertEquals(ErrorCode.CONFLICT, taken.code());
            }
        }
    }
}
