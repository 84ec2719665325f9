package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Objects;

/** {@code /rooms/{id}/mutes}: muting a member and lifting a mute. */
@Path("rooms/{id}/mutes")
@Produces(MediaType.APPLICATION_JSON)
public final class MuteResource {
    private final Chat chat;

    MuteResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /** {@code {"username","until"?}} -> 204. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response mute(@Context SecurityContext security, @PathParam("id") String room, String body) {
        JsonBody json = JsonBody.parse(body);
        chat.admin().mute(AuthFeature.caller(security).user(), room, json.requiredString("username"),
                json.optionalInstant("until"));
        return Response.noContent().build();
    }

    /** 204 whether or not there was a mute to lift. */
    @DELETE
    @Path("{username}")
    public Response unmute(@Context SecurityContext security, @PathParam("id") String room,
                           @PathParam("username") String username) {
        chat.admin().unmute(AuthFeature.caller(security).user(), room, username);
        return Response.noContent().build();
    }
}
