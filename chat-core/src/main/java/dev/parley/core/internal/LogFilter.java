package dev.parley.core.internal;

import dev.parley.core.spi.MessageStore;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A page of a room's log holding only some kinds of entry, read from the store's ordinary pages
 * (of {@link PageRequest#MAX_LIMIT}) in the direction of the request until it has {@code limit}
 * matches or the log ends; the engine has no index by kind, so the cost is that of the stretch of
 * log the page spans. Stateless.
 */
final class LogFilter {

    private LogFilter() {
    }

    static HistoryPage page(MessageStore messages, String roomId, Set<MessageKind> kinds, PageRequest request) {
        int limit = request.limit();
        List<Message> found = new ArrayList<>();
        boolean more;
        if (request.after().isPresent()) {
            long cursor = request.after().getAsLong();
            while (true) {
                HistoryPage page = messages.page(roomId, new PageRequest(request.before(), OptionalLong.of(cursor),
                        PageRequest.MAX_LIMIT));
                for (Message m : page.messages()) {
                    if (kinds.contains(m.kind())) {
                        found.add(m);
                    }
                }
                if (found.size() > limit || !page.hasMore() || page.messages().isEmpty()) {
                    more = found.size() > limit;
                    break;
                }
                cursor = page.messages().get(page.messages().size() - 1).seq();
            }
            return new HistoryPage(List.copyOf(found.subList(0, Math.min(limit, found.size()))), more);
        }
        OptionalLong cursor = request.before();
        while (true) {
            HistoryPage page = messages.page(roomId, new PageRequest(cursor, OptionalLong.empty(), PageRequest.MAX_LIMIT));
            List<Message> newestFirst = new ArrayList<>(page.messages());
            Collections.reverse(newestFirst);
            for (Message m : newestFirst) {
                if (kinds.contains(m.kind())) {
                    found.add(m);
                }
            }
            if (found.size() > limit || !page.hasMore() || page.messages().isEmpty()) {
                more = found.size() > limit;
                break;
            }
            cursor = OptionalLong.of(page.messages().get(0).seq());
        }
        List<Message> out = new ArrayList<>(found.subList(0, Math.min(limit, found.size())));
        Collections.reverse(out);
        return new HistoryPage(List.copyOf(out), more);
    }
}
