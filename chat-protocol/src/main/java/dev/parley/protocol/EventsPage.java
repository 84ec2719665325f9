package dev.parley.protocol;

import java.util.List;

/**
 * An answer of the long-polling feed.
 *
 * @param events messages with id greater than the cursor asked for, ascending by id
 * @param cursor the id to ask after next time (the last event's id, or the cursor given when there is none)
 */
public record EventsPage(List<Message> events, long cursor) {
    public EventsPage {
        events = List.copyOf(events);
    }
}
