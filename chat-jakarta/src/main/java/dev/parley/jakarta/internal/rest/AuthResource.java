package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.jakarta.internal.auth.Credentials;
import dev.parley.protocol.internal.ModelJson;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/** {@code /auth}: register, log in, log out, and who the container signed in. */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {
    private final Chat chat;

    AuthResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @POST
    @Path("register")
    @Anonymous
    public Response register(String body) {
        JsonBody json = JsonBody.parse(body);
        return Responses.json(Response.Status.CREATED,
                ModelJson.user(chat.register(json.requiredString("username"), json.requiredString("password"))));
    }

    @POST
    @Path("login")
    @Anonymous
    public Response login(String body) {
        JsonBody json = JsonBody.parse(body);
        return Responses.ok(ModelJson.login(chat.login(json.requiredString("username"), json.requiredString("password"))));
    }

    /** Revokes the bearer token; a caller the container authenticated has none, and gets 204 all the same. */
    @POST
    @Path("logout")
    public Response logout(@Context SecurityContext security) {
        AuthFeature.caller(security).token().ifPresent(chat::logout);
        return Response.noContent().build();
    }

    /**
     * The user the container authenticated this request as (no bearer token needed), or 204 when
     * it did not: the web page asks this on load without a stored token, where {@code /me} would
     * answer 401 for every visitor who simply is not signed in yet.
     */
    @GET
    @Path("session")
    @Anonymous
    public Response session(@Context SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal == null) {
            return Response.noContent().build();
        }
        return Responses.ok(ModelJson.user(Credentials.authenticate(chat, Optional.empty(), Optional.of(principal), security::isUserInRole).user()));
    }
}
