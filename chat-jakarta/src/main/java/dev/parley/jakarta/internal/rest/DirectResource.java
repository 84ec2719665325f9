package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.protocol.internal.ModelJson;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Objects;

/** {@code /dm/{username}/messages}: the caller's direct conversation with one user. */
@Path("dm/{username}/messages")
@Produces(MediaType.APPLICATION_JSON)
public final class DirectResource {
    private final Chat chat;

    DirectResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @POST
    public Response send(@Context SecurityContext security, @PathParam("username") String username, String body) {
        return Responses.json(Response.Status.CREATED, ModelJson.message(chat.sendDirect(
                AuthFeature.caller(security).user(), username, JsonBody.parse(body).draft())));
    }

    @GET
    public Response history(@Context SecurityContext security, @PathParam("username") String username,
                            @QueryParam("before") String before, @QueryParam("after") String after,
                            @QueryParam("limit") String limit) {
        return Responses.ok(ModelJson.historyPage(chat.directHistory(
                AuthFeature.caller(security).user(), username, QueryParams.page(before, after, limit))));
    }
}
