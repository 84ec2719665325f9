package dev.parley.protocol;

import java.util.List;

/**
 * One page of a room's history, ascending by {@code seq}.
 *
 * @param messages the messages of the page
 * @param hasMore  whether more messages lie beyond the page in the direction it was read
 *                 (older ones for a {@code before} or latest page, newer ones for an {@code after} page)
 */
public record HistoryPage(List<Message> messages, boolean hasMore) {
    public HistoryPage {
        messages = List.copyOf(messages);
    }
}
