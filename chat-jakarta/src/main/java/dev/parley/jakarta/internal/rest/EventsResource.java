package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.User;
import dev.parley.protocol.internal.ModelJson;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /events}: the long-polling feed. The request is suspended and resumed from the engine's
 * future, so no container thread waits while it is held. How long a request may be held is the
 * engine's rule ({@code ChatConfig.maxEventsWait}, 30 s by default, the contract's maximum).
 */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventsResource {
    private final Chat chat;

    EventsResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /** {@code ?kind=MODERATION,ROOM_UPDATED}, as for history: only entries of those kinds (the audit of every room). */
    @GET
    public void events(@Context SecurityContext security, @QueryParam("after") String after,
                       @QueryParam("wait") String wait, @QueryParam("kind") String kind,
                       @Suspended AsyncResponse response) {
        User caller = AuthFeature.caller(security).user();
        long afterId = after == null ? 0 : QueryParams.bounded("after", after, 0, Long.MAX_VALUE);
        long waitSeconds = wait == null ? 0 : QueryParams.bounded("wait", wait, 0, Long.MAX_VALUE);
        Set<MessageKind> kinds = kind == null ? EnumSet.allOf(MessageKind.class) : QueryParams.kinds(kind);
        chat.events(caller, afterId, Duration.ofSeconds(waitSeconds), kinds).whenComplete((page, failure) -> {
            if (failure != null) {
                response.resume(ErrorMappers.forThrowable(failure));
            } else {
                response.resume(Responses.ok(ModelJson.eventsPage(page)));
            }
        });
    }
}
