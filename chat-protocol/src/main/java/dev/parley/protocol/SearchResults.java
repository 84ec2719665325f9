package dev.parley.protocol;

import java.util.List;

/**
 * The answer to a {@link SearchRequest}, on the wire {@code {"messages":[...],"hasMore"}}.
 *
 * @param messages matching messages in their current state, newest first (descending id), from any
 *                 of the rooms searched (each names its {@code room})
 * @param hasMore  whether older matches follow: ask again with {@code before} set to the id of the
 *                 last message
 */
public record SearchResults(List<Message> messages, boolean hasMore) {
    public SearchResults {
        messages = List.copyOf(messages);
    }
}
