package dev.parley.jakarta.internal.rest;

import dev.parley.protocol.internal.ModelJson;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /me}: the caller's own user. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {
    MeResource() {
    }

    @GET
    public Response me(@Context SecurityContext security) {
        return Responses.ok(ModelJson.user(AuthFeature.caller(security).user()));
    }
}
