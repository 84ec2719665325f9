package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.SearchRequest;
import dev.parley.protocol.SearchResults;
import dev.parley.protocol.internal.ModelJson;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /search?q=&room=&before=&limit=}: the caller's search over the rooms they may read,
 * answered {@code {"messages":[...],"hasMore"}} (the shape of a history page, newest first). Every
 * parameter is taken as text and checked by {@link SearchRequest}, so a bad one is a BAD_REQUEST
 * naming it.
 */
@Path("search")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchResource {
    private final Chat chat;

    SearchResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @GET
    public Response search(@Context SecurityContext security, @QueryParam("q") String q,
                           @QueryParam("room") String room, @QueryParam("before") String before,
                           @QueryParam("limit") String limit) {
        int size = limit == null ? SearchRequest.DEFAULT_LIMIT
                : (int) QueryParams.bounded("limit", limit, 1, SearchRequest.MAX_LIMIT);
        SearchRequest request = new SearchRequest(q, Optional.ofNullable(room).filter(r -> !r.isEmpty()),
                before == null ? OptionalLong.empty()
                        : OptionalLong.of(QueryParams.bounded("before", before, 1, Long.MAX_VALUE)),
                size);
        SearchResults found = chat.search(AuthFeature.caller(security).user(), request);
        return Responses.ok(ModelJson.historyPage(new HistoryPage(found.messages(), found.hasMore())));
    }
}
