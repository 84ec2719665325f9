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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code /rooms/{id}/messages/{msgId}}: one message in its current state, and the acts on it that
 * post lifecycle entries (EDIT, DELETE, REACTION). A sub-resource of {@link RoomResource}, made per
 * request for the authenticated caller. The room id may be a direct room's ({@code dm.a.b}) for its
 * two members. The emoji of a reaction comes URL-encoded in the path, decoded by the runtime.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class MessageResource {
    private final Chat chat;
    private final User caller;
    private final String room;
    private final long id;

    MessageResource(Chat chat, User caller, String room, long id) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.room = Objects.requireNonNull(room, "room");
        this.id = id;
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

    @GET
    public Response get() {
        return Responses.ok(ModelJson.message(chat.message(caller, room, id)));
    }

    /** {@code {"text","clientMsgId"?}} -> 200 the message in its current state; posts EDIT. */
    @PATCH
    public Response edit(String body) {
        JsonBody json = JsonBody.parse(body);
        return Responses.ok(ModelJson.message(chat.edit(caller, room, id, json.requiredString("text"),
                json.optionalString("clientMsgId")).target()));
    }

    /** 204; posts DELETE, or nothing when the message was deleted already. */
    @DELETE
    public Response delete() {
        chat.delete(caller, room, id, Optional.empty());
        return Response.noContent().build();
    }

    /** 204; posts REACTION, or nothing when the caller already has this reaction. */
    @PUT
    @Path("reactions/{emoji}")
    public Response react(@PathParam("emoji") String emoji) {
        chat.react(caller, room, id, emoji, Optional.empty());
        return Response.noContent().build();
    }

    /** 204; posts REACTION (inactive), or nothing when the caller has no such reaction. */
    @DELETE
    @Path("reactions/{emoji}")
    public Response unreact(@PathParam("emoji") String emoji) {
        chat.unreact(caller, room, id, emoji, Optional.empty());
        return Response.noContent().build();
    }
}
