package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.jakarta.internal.auth.Caller;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.internal.ModelJson;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Objects;

/**
 * {@code /me}: the caller's own account: the user, the display name, the password and the blocks.
 * The rules are the engine's ({@link Chat#setDisplayName}, {@link Chat#changePassword},
 * {@link Chat#block}); this only reads the request.
 */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {
    private final Chat chat;

    MeResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @GET
    public Response me(@Context SecurityContext security) {
        return Responses.ok(ModelJson.user(AuthFeature.caller(security).user()));
    }

    /**
     * {@code {"displayName"?}}: a string sets it, {@code null} or a blank string clears it, and a body
     * without the field changes nothing; answers the user as stored now.
     */
    @PATCH
    public Response update(@Context SecurityContext security, String body) {
        Caller caller = AuthFeature.caller(security);
        JsonBody json = JsonBody.parse(body);
        if (!json.has("displayName")) {
            return Responses.ok(ModelJson.user(caller.user())); // read from the store as this request was authenticated
        }
        return Responses.ok(ModelJson.user(chat.setDisplayName(caller.user(), json.optionalString("displayName"))));
    }

    /** {@code {"current","new"}}: 204; every other token of the caller is revoked, the one of this request kept. */
    @POST
    @Path("password")
    public Response changePassword(@Context SecurityContext security, String body) {
        Caller caller = AuthFeature.caller(security);
        JsonBody json = JsonBody.parse(body);
        String current = json.optionalString("current")
                .orElseThrow(() -> ChatException.badRequest("current is required: the password in use now"));
        String next = json.optionalString("new")
                .orElseThrow(() -> ChatException.badRequest("new is required: the password to use from now on"));
        chat.changePassword(caller.user(), caller.token(), current, next);
        return Response.noContent().build();
    }

    @GET
    @Path("blocks")
    public Response blocks(@Context SecurityContext security) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (UserProfile profile : chat.blocks(AuthFeature.caller(security).user())) {
            array.add(ModelJson.profile(profile));
        }
        return Responses.ok(array.build());
    }

    @PUT
    @Path("blocks/{username}")
    public Response block(@Context SecurityContext security, @PathParam("username") String username) {
        chat.block(AuthFeature.caller(security).user(), username);
        return Response.noContent().build();
    }

    @DELETE
    @Path("blocks/{username}")
    public Response unblock(@Context SecurityContext security, @PathParam("username") String username) {
        chat.unblock(AuthFeature.caller(security).user(), username);
        return Response.noContent().build();
    }
}
