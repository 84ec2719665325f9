package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.Draft;
import dev.parley.protocol.Message;
import dev.parley.protocol.ReadCounts;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Read state across nodes, run by {@link ClusterContract} as a nested suite on its cluster (in
 * process, and over Redis): a marker set on one node is in every node's room list and reaches live
 * connections on the others, and a mention reaches the mentioned user's connection on another node.
 */
abstract class ReadStateClusterChecks {
    private static final Duration WAIT = Duration.ofSeconds(30);

    abstract Chat node(int i);

    abstract User user(String name);

    abstract ClusterContract.Client connect(Chat node, User user) throws InterruptedException;

    private static ReadCounts counts(Chat node, User who, String room) {
        return node.rooms(who).stream().filter(l -> l.room().id().equals(room)).findFirst()
                .flatMap(RoomListing::counts).orElseThrow();
    }

    @Test
    void aMarkerSetOnOneNodeIsListedAndHeardOnTheOthers() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Message m = node(0).send(alice, Chat.GENERAL_ROOM, Draft.of("hello"));
        ClusterContract.Client bobElsewhere = connect(node(1), bob);
        ClusterContract.Client aliceElsewhere = connect(node(2), alice);
        aliceElsewhere.subscribe(Chat.GENERAL_ROOM);
        assertEquals(1, counts(node(1), bob, Chat.GENERAL_ROOM).unread(), "hello is unread at first");

        node(0).markRead(bob, Chat.GENERAL_ROOM, m.seq());
        ServerFrame.Read expected = new ServerFrame.Read(Chat.GENERAL_ROOM, "bob", m.seq());
        assertEquals(expected, bobElsewhere.frames().next(ServerFrame.Read.class, f -> true, WAIT), "the user's connection on node 1");
        assertEquals(expected, aliceElsewhere.frames().next(ServerFrame.Read.class, f -> true, WAIT), "a subscriber on node 2");
        ReadCounts onB = counts(node(1), bob, Chat.GENERAL_ROOM);
        assertEquals(m.seq(), onB.lastReadSeq());
        assertEquals(0, onB.unread());
    }

    @Test
    void aReadFrameOnOneNodeReachesTheUsersConnectionOnAnother() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Message m = node(0).send(alice, Chat.GENERAL_ROOM, Draft.of("hello"));
        ClusterContract.Client phone = connect(node(0), bob);
        ClusterContract.Client laptop = connect(node(1), bob);
        phone.send(new ClientFrame.Read(Chat.GENERAL_ROOM, m.seq()));
        assertEquals(new ServerFrame.Read(Chat.GENERAL_ROOM, "bob", m.seq()),
                laptop.frames().next(ServerFrame.Read.class, f -> true, WAIT));
        assertEquals(m.seq(), counts(node(2), bob, Chat.GENERAL_ROOM).lastReadSeq());
    }

    @Test
    void aMentionOnOneNodeReachesTheMentionedUsersConnectionOnAnother() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        ClusterContract.Client b = connect(node(1), bob);
        Message m = node(0).send(alice, Chat.GENERAL_ROOM, Draft.of("look @bob"));
        assertEquals(m.id(), b.frames().next(ServerFrame.Mention.class, f -> true, WAIT).message().id());
        assertEquals(1, counts(node(2), bob, Chat.GENERAL_ROOM).mentions());
    }
}
