package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.User;
import dev.parley.protocol.internal.ModelJson;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code /rooms/{id}/messages/{msgId}}: one message in its current state, and the acts on it that
 * post lifecycle entries (EDIT, DELETE, REACTION). A root resource of its own rather than a
 * sub-resource of {@link RoomResource}, since the authentication filter is bound to resource methods
 * (a sub-resource locator's methods would escape it); its longer path wins over {@code /rooms}. The
 * room id may be a direct room's ({@code dm.a.b}) for its two members. The emoji of a reaction comes
 * URL-encoded in the path, decoded by the runtime.
 */
@Path("rooms/{id}/messages/{msgId}")
@Produces(MediaType.APPLICATION_JSON)
public final class MessageResource {
    private final Chat chat;

    MessageResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /** A message id from the path: NOT_FOUND when it is not a positive whole number, as for any unknown message. */
    static long id(String room, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same answer as an unknown id.
        }
        throw ChatException.notFound("no message " + (value.length() <= 40 ? value : value.substring(0, 40) + "...")
                + " in room " + room);
    }

    private static User caller(SecurityContext security) {
        return AuthFeature.caller(security).user();
    }

    @GET
    public Response get(@Context SecurityContext security, @PathParam("id") String room,
                        @PathParam("msgId") String msgId) {
        return Responses.ok(ModelJson.message(chat.message(caller(security), room, id(room, msgId))));
    }

    /** {@code {"text","clientMsgId"?}} -> 200 the message in its current state; posts EDIT. */
    @PATCH
    public Response edit(@Context SecurityContext security, @PathParam("id") String room,
                         @PathParam("msgId") String msgId, String body) {
        User caller = caller(security);
        long id = id(room, msgId);
        JsonBody json = JsonBody.parse(body);
        return Responses.ok(ModelJson.message(chat.edit(caller, room, id, json.requiredString("text"),
                json.optionalString("clientMsgId")).target()));
    }

    /** 204; posts DELETE, or nothing when the message was deleted already. */
    @DELETE
    public Response delete(@Context SecurityContext security, @PathParam("id") String room,
                           @PathParam("msgId") String msgId) {
        chat.delete(caller(security), room, id(room, msgId), Optional.empty());
        return Response.noContent().build();
    }

    /** 204; posts REACTION, or nothing when the caller already has this reaction. */
    @PUT
    @Path("reactions/{emoji}")
    public Response react(@Context SecurityContext security, @PathParam("id") String room,
                          @PathParam("msgId") String msgId, @PathParam("emoji") String emoji) {
        chat.react(caller(security), room, id(room, msgId), emoji, Optional.empty());
        return Response.noContent().build();
    }

    /** 204; posts REACTION (inactive), or nothing when the caller has no such reaction. */
    @DELETE
    @Path("reactions/{emoji}")
    public Response unreact(@Context SecurityContext security, @PathParam("id") String room,
                            @PathParam("msgId") String msgId, @PathParam("emoji") String emoji) {
        chat.unreact(caller(security), room, id(room, msgId), emoji, Optional.empty());
        return Response.noContent().build();
    }
}
