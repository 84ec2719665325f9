package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.protocol.internal.ModelJson;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Objects;

/** {@code /announcements}: an admin's SYSTEM message to everyone connected, and the latest one. */
@Path("announcements")
@Produces(MediaType.APPLICATION_JSON)
public final class AnnouncementResource {
    private final Chat chat;

    AnnouncementResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /** 202: delivery to connected users happens after the answer; the body is the stored SYSTEM message. */
    @POST
    public Response announce(@Context SecurityContext security, String body) {
        String text = JsonBody.parse(body).requiredString("text");
        return Responses.json(Response.Status.ACCEPTED, ModelJson.message(chat.announce(AuthFeature.caller(security).user(), text)));
    }

    @GET
    @Path("latest")
    public Response latest() {
        return chat.latestAnnouncement()
                .map(message -> Responses.ok(ModelJson.message(message)))
                .orElseGet(() -> Response.noContent().build());
    }
}
