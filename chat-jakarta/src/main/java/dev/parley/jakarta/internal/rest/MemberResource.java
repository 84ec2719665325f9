package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Member;
import dev.parley.protocol.Role;
import dev.parley.protocol.User;
import dev.parley.protocol.internal.ModelJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
 * {@code /rooms/{id}/members/{username}}: setting a member's role ({@code PUT}, answering the
 * member as listed now) and kicking ({@code DELETE}, 204). The rules are chat-core's
 * {@link dev.parley.core.RoomAdmin}.
 */
@Path("rooms/{id}/members/{username}")
@Produces(MediaType.APPLICATION_JSON)
public final class MemberResource {
    private final Chat chat;

    MemberResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /** {@code {"role":"admin"|"moderator"|"member"}} */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setRole(@Context SecurityContext security, @PathParam("id") String room,
                            @PathParam("username") String username, String body) {
        User caller = AuthFeature.caller(security).user();
        chat.admin().setRole(caller, room, username, role(JsonBody.parse(body).requiredString("role")));
        Member member = chat.members(caller, room).stream()
                .filter(m -> m.username().equalsIgnoreCase(username)).findFirst()
                .orElseThrow(() -> ChatException.notFound(username + " is not a member of room " + room));
        return Responses.ok(ModelJson.member(member));
    }

    @DELETE
    public Response kick(@Context SecurityContext security, @PathParam("id") String room,
                         @PathParam("username") String username) {
        chat.admin().kick(AuthFeature.caller(security).user(), room, username);
        return Response.noContent().build();
    }

    /** A role named on the wire; BAD_REQUEST for one that does not exist (and, from the engine, for owner). */
    static Role role(String wire) {
        for (Role r : Role.values()) {
            if (r.wireName().equals(wire)) {
                return r;
            }
        }
        throw ChatException.badRequest("role must be \"admin\", \"moderator\" or \"member\", got '"
                + dev.parley.protocol.internal.JsonFields.clip(wire) + "'");
    }
}
