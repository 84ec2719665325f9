package dev.parley.client.internal;

import dev.parley.protocol.Message;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.Reaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.parley.client.internal.Messages.T0;
import static dev.parley.client.internal.Messages.chat;
import static dev.parley.client.internal.Messages.delete;
import static dev.parley.client.internal.Messages.edit;
import static dev.parley.client.internal.Messages.file;
import static dev.parley.client.internal.Messages.inThread;
import static dev.parley.client.internal.Messages.react;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateCacheTest {
    private static final String ROOM = "general";
    private final StateCache cache = new StateCache(100);

    @BeforeEach
    void me() {
        cache.me("Alice");
    }

    /** Applies an entry that must need nothing, and returns its updates. */
    private List<StateCache.Update> apply(Message m) {
        return assertInstanceOf(StateCache.Done.class, cache.apply(m, Set.of())).updates();
    }

    private static StateCache.Update update(StateCache.Change change, Message current, Message entry) {
        return new StateCache.Update(change, current, entry);
    }

    private Message current(Message m) {
        return cache.get(m.room(), m.id()).orElseThrow();
    }

    @Test
    void editReplacesTheTextAndSetsEditedAt() {
        Message hi = chat(ROOM, 1, "bob", "hi");
        assertEquals(List.of(), apply(hi));
        Message e = edit(hi, 2, "hi there");
        List<StateCache.Update> updates = apply(e);
        Message now = current(hi);
        assertEquals("hi there", now.text());
        assertEquals(Optional.of(e.createdAt()), now.state().editedAt());
        assertEquals(List.of(update(StateCache.Change.EDITED, now, e)), updates);
    }

    @Test
    void deleteEmptiesTheTextDropsTheFileAndTheReactions() {
        Message shared = file(ROOM, 1, "bob");
        apply(shared);
        apply(react(shared, 2, "carol", "👍", true));
        Message d = delete(shared, 3, "bob");
        List<StateCache.Update> updates = apply(d);
        Message now = current(shared);
        assertTrue(now.state().deleted());
        assertEquals("", now.text());
        assertEquals(Optional.empty(), now.file());
        assertEquals(List.of(), now.state().reactions());
        assertEquals(StateCache.Change.DELETED, updates.get(0).change());
        assertEquals(1, updates.size(), "not a thread reply: no root to update");
    }

    @Test
    void reactionsAreCountedPerEmojiInOrderOfFirstUseWithMeForTheClientsOwnUser() {
        Message hi = chat(ROOM, 1, "bob", "hi");
        apply(hi);
        apply(react(hi, 2, "alice", "👍", true)); // "Alice" is me, names compare without case
        apply(react(hi, 3, "bob", "👍", true));
        apply(react(hi, 4, "bob", "🎉", true));
        assertEquals(List.of(new Reaction("👍", 2, true), new Reaction("🎉", 1, false)), current(hi).state().reactions());

        apply(react(hi, 5, "alice", "👍", false));
        assertEquals(List.of(new Reaction("👍", 1, false), new Reaction("🎉", 1, false)), current(hi).state().reactions());
        List<StateCache.Update> updates = apply(react(hi, 6, "bob", "👍", false));
        assertEquals(List.of(new Reaction("🎉", 1, false)), current(hi).state().reactions());
        assertEquals(StateCache.Change.REACTION, updates.get(0).change());
        apply(react(hi, 7, "alice", "👍", true));
        assertEquals(List.of(new Reaction("🎉", 1, false), new Reaction("👍", 1, true)), current(hi).state().reactions(),
                "an emoji used again after it was gone goes last");
    }

    @Test
    void anUnknownTargetIsNeededAndItsReadStateIsNotChangedTwice() {
        Message old = chat(ROOM, 1, "bob", "old news");
        Message r = react(old, 9, "carol", "👍", true);
        assertEquals(new StateCache.Need(old.id()), cache.apply(r, Set.of()));
        // The server's answer already counts carol's reaction.
        Message read = old.withState(MessageState.ORIGINAL.withReactions(List.of(new Reaction("👍", 1, false))));
        cache.read(read, 9);
        assertEquals(List.of(update(StateCache.Change.REACTION, read, r)), apply(r));
        apply(react(old, 10, "dave", "👍", true));
        assertEquals(List.of(new Reaction("👍", 2, false)), current(old).state().reactions());
    }

    @Test
    void entriesUpToTheSeqOfAnHttpReadAreNotAppliedAgain() {
        Message hi = chat(ROOM, 3, "bob", "hi");
        Message page = hi.withState(new MessageState(Optional.of(T0.plusSeconds(5)), false,
                List.of(new Reaction("👍", 2, true)), 0, Optional.empty()));
        cache.read(page, 10);
        apply(react(hi, 8, "carol", "👍", true));
        apply(edit(hi, 5, "stale"));
        assertEquals(page, current(hi), "seq 5 and 8 are in the state the server showed as of seq 10");
        apply(react(hi, 11, "dave", "👍", true));
        assertEquals(List.of(new Reaction("👍", 3, true)), current(hi).state().reactions());
    }

    @Test
    void aReplayedMessageIsRebuiltFromTheEntriesThatFollowIt() {
        // A replay or a history fill shows a message with counts that the entries after it repeat.
        Message root = chat(ROOM, 1, "bob", "question");
        Message replayed = root.withState(new MessageState(Optional.empty(), false,
                List.of(new Reaction("👍", 1, true)), 1, Optional.of(T0.plusSeconds(2))));
        apply(replayed);
        Message reply = inThread(root, 2, "carol", "answer");
        apply(reply);
        apply(react(root, 3, "alice", "👍", true));
        MessageState s = current(root).state();
        assertEquals(List.of(new Reaction("👍", 1, true)), s.reactions());
        assertEquals(1, s.replies());
        assertEquals(Optional.of(reply.createdAt()), s.lastReplyAt());
    }

    @Test
    void aThreadReplyCountsOnItsRootAndItsDeletionTakesItOff() {
        Message root = chat(ROOM, 1, "bob", "question");
        apply(root);
        Message first = inThread(root, 2, "carol", "one");
        Message second = inThread(root, 3, "dave", "two");
        apply(first);
        List<StateCache.Update> updates = apply(second);
        assertEquals(2, current(root).state().replies());
        assertEquals(Optional.of(second.createdAt()), current(root).state().lastReplyAt());
        assertEquals(List.of(update(StateCache.Change.THREAD, current(root), second)), updates);

        Message d = delete(first, 4, "carol");
        updates = apply(d);
        assertEquals(1, current(root).state().replies());
        assertEquals(Optional.of(second.createdAt()), current(root).state().lastReplyAt(), "kept: the contract's lastReplyAt");
        assertEquals(List.of(update(StateCache.Change.DELETED, current(first), d),
                update(StateCache.Change.THREAD, current(root), d)), updates);
    }

    @Test
    void aThreadReplyToAnUnknownRootNeedsTheRoot() {
        Message root = chat(ROOM, 1, "bob", "question");
        Message reply = inThread(root, 7, "carol", "answer");
        assertEquals(new StateCache.Need(root.id()), cache.apply(reply, Set.of()));
        cache.read(root.withState(new MessageState(Optional.empty(), false, List.of(), 1,
                Optional.of(reply.createdAt()))), 7);
        assertEquals(1, assertInstanceOf(StateCache.Done.class, cache.apply(reply, Set.of())).updates().get(0)
                .current().state().replies(), "the read root counts the reply already");
        assertEquals(List.of(), assertInstanceOf(StateCache.Done.class,
                cache.apply(inThread(root, 8, "dave", "x"), Set.of(root.id()))).updates(), "an unreadable root is skipped");
    }

    @Test
    void applyingADeletionAgainAfterItsRootWasReadChangesNothingTwice() {
        Message root = chat(ROOM, 1, "bob", "question");
        Message reply = inThread(root, 2, "carol", "answer");
        cache.read(reply, 5);
        Message d = delete(reply, 6, "carol");
        assertEquals(new StateCache.Need(root.id()), cache.apply(d, Set.of()));
        assertTrue(current(reply).state().deleted(), "the target was changed before the root was needed");
        cache.read(root.withState(new MessageState(Optional.empty(), false, List.of(), 3, Optional.empty())), 5);
        List<StateCache.Update> updates = apply(d);
        assertEquals(2, current(root).state().replies());
        assertTrue(updates.get(0).current().state().deleted());
        assertEquals(2, apply(d).get(1).current().state().replies(), "a third time: still once");
    }

    @Test
    void aDeletedMessageTakesNoEditAndNoReaction() {
        Message hi = chat(ROOM, 1, "bob", "hi");
        apply(hi);
        apply(delete(hi, 2, "bob"));
        apply(edit(hi, 3, "")); // a replayed edit of a deleted message reads ""
        apply(react(hi, 4, "carol", "👍", true));
        Message now = current(hi);
        assertTrue(now.state().deleted());
        assertEquals(Optional.empty(), now.state().editedAt());
        assertEquals(List.of(), now.state().reactions());
    }

    @Test
    void anEditOlderThanTheShownOneDoesNotTurnTheTextBack() {
        Message hi = chat(ROOM, 1, "bob", "second");
        Instant later = T0.plusSeconds(30);
        apply(hi.withState(new MessageState(Optional.of(later), false, List.of(), 0, Optional.empty())));
        apply(edit(hi, 2, "first"));
        assertEquals("second", current(hi).text());
        assertEquals(Optional.of(later), current(hi).state().editedAt());
    }

    @Test
    void anUnreadableTargetSkipsTheEntry() {
        Message gone = chat(ROOM, 1, "bob", "removed by retention");
        assertEquals(List.of(), assertInstanceOf(StateCache.Done.class,
                cache.apply(edit(gone, 2, "x"), Set.of(gone.id()))).updates());
        assertFalse(cache.get(ROOM, gone.id()).isPresent());
    }

    @Test
    void eachRoomKeepsItsMostRecentlyUsedMessages() {
        StateCache small = new StateCache(2);
        Message a = chat(ROOM, 1, "bob", "a");
        Message b = chat(ROOM, 2, "bob", "b");
        Message c = chat(ROOM, 3, "bob", "c");
        small.apply(a, Set.of());
        small.apply(b, Set.of());
        small.get(ROOM, a.id()); // a is used again: b is now the eldest
        small.apply(c, Set.of());
        assertTrue(small.get(ROOM, a.id()).isPresent());
        assertFalse(small.get(ROOM, b.id()).isPresent());
        assertEquals(new StateCache.Need(b.id()), small.apply(edit(b, 4, "b2"), Set.of()));
        small.apply(chat("other", 1, "bob", "elsewhere"), Set.of());
        assertTrue(small.get(ROOM, c.id()).isPresent(), "rooms are bounded apart");

        small.forget(ROOM);
        assertFalse(small.get(ROOM, c.id()).isPresent());
    }
}
