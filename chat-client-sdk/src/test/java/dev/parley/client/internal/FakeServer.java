package dev.parley.client.internal;

import dev.parley.client.ChatClientException;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.RoomListing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST side of a {@link Session}, scripted: tokens, logins, room histories and listings, and
 * single messages in their current state ({@link #current}, else the history's message), with
 * failures to throw.
 */
class FakeServer implements Session.Server {
    volatile String token = "t1";
    volatile boolean canLogin;
    volatile ChatClientException loginFailure;
    final AtomicInteger logins = new AtomicInteger();
    final Map<String, List<Message>> history = new ConcurrentHashMap<>();
    final List<String> historyReads = new CopyOnWriteArrayList<>();
    volatile List<RoomListing> rooms = List.of();
    /** Messages as {@link #message} answers them, by id; the history's messages otherwise. */
    final Map<Long, Message> current = new ConcurrentHashMap<>();
    /** Failures {@link #message} throws, one per call, before it answers. */
    final java.util.Queue<RuntimeException> messageFailures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    final List<String> messageReads = new CopyOnWriteArrayList<>();
    volatile int servers = 1;

    @Override
    public String token() {
        return token;
    }

    @Override
    public String relogin(String refused) {
        logins.incrementAndGet();
        if (loginFailure != null) {
            throw loginFailure;
        }
        token = "t" + (logins.get() + 1);
        return token;
    }

    @Override
    public int servers() {
        return servers;
    }

    @Override
    public boolean canLogin() {
        return canLogin;
    }

    @Override
    public HistoryPage history(String room, PageRequest request) {
        List<Message> all = history.getOrDefault(room, List.of());
        if (request.after().isEmpty()) {
            int from = Math.max(0, all.size() - request.limit());
            return new HistoryPage(all.subList(from, all.size()), from > 0);
        }
        long after = request.after().getAsLong();
        historyReads.add(room + " after " + after);
        List<Message> page = new ArrayList<>();
        boolean more = false;
        for (Message m : all) {
            if (m.seq() > after) {
                if (page.size() == request.limit()) {
                    more = true;
                    break;
                }
                page.add(m);
            }
        }
        return new HistoryPage(page, more);
    }

    @Override
    public Message message(String room, long id) {
        messageReads.add(room + " " + id);
        RuntimeException failure = messageFailures.poll();
        if (failure != null) {
            throw failure;
        }
        Message m = current.get(id);
        if (m != null && m.room().equals(room)) {
            return m;
        }
        return history.getOrDefault(room, List.of()).stream().filter(h -> h.id() == id).findFirst()
                .orElseThrow(() -> new ChatClientException(dev.parley.protocol.ErrorCode.NOT_FOUND,
                        "no message " + id + " in room " + room, 404, null));
    }

    @Override
    public List<RoomListing> rooms() {
        return rooms;
    }
}
