package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.protocol.Ban;
import dev.parley.protocol.internal.RoomActJson;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Objects;

/** {@code /rooms/{id}/bans}: banning, lifting a ban, and the list of bans in force. */
@Path("rooms/{id}/bans")
@Produces(MediaType.APPLICATION_JSON)
public final class BanResource {
    private final Chat chat;

    BanResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /** {@code {"username","until"?,"reason"?}} -> 204. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ban(@Context SecurityContext security, @PathParam("id") String room, String body) {
        JsonBody json = JsonBody.parse(body);
        chat.admin().ban(AuthFeature.caller(security).user(), room, json.requiredString("username"),
                json.optionalInstant("until"), json.optionalString("reason"));
        return Response.noContent().build();
    }

    @GET
    public Response list(@Context SecurityContext security, @PathParam("id") String room) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Ban b : chat.admin().bans(AuthFeature.caller(security).user(), room)) {
            array.add(RoomActJson.ban(b));
        }
        return Responses.ok(array.build());
    }

    /** 204 whether or not there was a ban to lift. */
    @DELETE
    @Path("{username}")
    public Response unban(@Context SecurityContext security, @PathParam("id") String room,
                          @PathParam("username") String username) {
        chat.admin().unban(AuthFeature.caller(security).user(), room, username);
        return Response.noContent().build();
    }
}
