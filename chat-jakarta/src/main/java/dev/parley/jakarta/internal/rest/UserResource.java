package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.internal.ModelJson;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Objects;

/** {@code /users}: other users, and who is online. */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public final class UserResource {
    private final Chat chat;

    UserResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /** Only the names: the contract lists online users as {@code [{"username"}]}. */
    @GET
    @Path("online")
    public Response online() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (UserProfile profile : chat.onlineUsers()) {
            array.add(Json.createObjectBuilder().add("username", profile.username()));
        }
        return Responses.ok(array.build());
    }

    @GET
    @Path("{username}")
    public Response user(@PathParam("username") String username) {
        return Responses.ok(ModelJson.profile(chat.user(username)));
    }
}
