package dev.parley.core.engine;

import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.SearchQuery;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.ReadCounts;
import dev.parley.protocol.SearchResults;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A message store that hands every call to another, for a test to change the few it is about.
 * {@code appendAsync} is left to the interface's default, which calls {@link #append}: a subclass that
 * changes {@code append} sees every append, whichever way the engine makes it.
 */
abstract class ForwardingMessageStore implements MessageStore {
    protected final MessageStore delegate;

    ForwardingMessageStore(MessageStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public AppendResult append(NewMessage message, LongSupplier ids) {
        return delegate.append(message, ids);
    }

    @Override
    public HistoryPage page(String room, PageRequest request) {
        return delegate.page(room, request);
    }

    @Override
    public Optional<Message> find(String room, long id) {
        return delegate.find(room, id);
    }

    @Override
    public HistoryPage thread(String room, long root, PageRequest request) {
        return delegate.thread(room, root, request);
    }

    @Override
    public Map<Long, List<Reaction>> reactions(String room, Collection<Long> ids, String viewer) {
        return delegate.reactions(room, ids, viewer);
    }

    @Override
    public long lastSeq(String room) {
        return delegate.lastSeq(room);
    }

    @Override
    public OptionalLong firstSeq(String room) {
        return delegate.firstSeq(room);
    }

    @Override
    public List<Message> afterId(Collection<String> rooms, long afterId, int limit) {
        return delegate.afterId(rooms, afterId, limit);
    }

    @Override
    public Optional<Message> findByFileId(String fileId) {
        return delegate.findByFileId(fileId);
    }

    @Override
    public int deleteUpTo(String room, long seq) {
        return delegate.deleteUpTo(room, seq);
    }

    @Override
    public SearchResults search(SearchQuery query) {
        return delegate.search(query);
    }

    @Override
    public Map<String, ReadCounts> readCounts(String viewer, Map<String, Long> markers, int cap) {
        return delegate.readCounts(viewer, markers, cap);
    }
}
