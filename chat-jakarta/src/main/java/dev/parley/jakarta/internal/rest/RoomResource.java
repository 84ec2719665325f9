package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.core.RoomPatch;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Member;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;
import dev.parley.protocol.internal.ReadStateJson;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /rooms}: listing, creation, membership, history, threads, posting and file sharing; the
 * endpoints of one message are {@link MessageResource}'s. Join, leave
 * and add-member answer 200 with the room as the caller now sees it (for add-member: the member
 * list), so a client need not fetch it again. {@code read} and {@code reads} are the caller's read
 * marker and the members' markers.
 */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
public final class RoomResource {
    private static final String OCTET_STREAM = MediaType.APPLICATION_OCTET_STREAM;

    private final Chat chat;

    RoomResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @GET
    public Response list(@Context SecurityContext security) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (RoomListing listing : chat.rooms(AuthFeature.caller(security).user())) {
            array.add(ModelJson.roomListing(listing));
        }
        return Responses.ok(array.build());
    }

    /** {@code visibility} defaults to public when the body leaves it out. */
    @POST
    public Response create(@Context SecurityContext security, String body) {
        JsonBody json = JsonBody.parse(body);
        String id = json.requiredString("id");
        Optional<String> name = json.optionalString("name");
        Visibility visibility = json.optionalString("visibility").map(RoomResource::creatable).orElse(Visibility.PUBLIC);
        List<String> members = json.optionalStringList("members");
        Room room = chat.createRoom(AuthFeature.caller(security).user(), id, name, visibility, members);
        return Responses.json(Response.Status.CREATED, ModelJson.room(room));
    }

    private static Visibility creatable(String wire) {
        Visibility visibility = Visibility.fromWire(wire);
        if (visibility == Visibility.DIRECT) {
            throw ChatException.badRequest("visibility must be \"public\" or \"private\": direct rooms are made by /api/dm");
        }
        return visibility;
    }

    @GET
    @Path("{id}")
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        return Responses.ok(ModelJson.room(chat.room(AuthFeature.caller(security).user(), id)));
    }

    /** {@code {"name"?,"topic"?,"readOnly"?}}: the owner's or an admin's change; answers the room as it is now. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@Context SecurityContext security, @PathParam("id") String id, String body) {
        JsonBody json = JsonBody.parse(body);
        RoomPatch patch = new RoomPatch(json.optionalString("name"), json.optionalString("topic"),
                json.optionalBoolean("readOnly"));
        return Responses.ok(ModelJson.room(chat.admin().update(AuthFeature.caller(security).user(), id, patch)));
    }

    @POST
    @Path("{id}/join")
    public Response join(@Context SecurityContext security, @PathParam("id") String id) {
        User caller = AuthFeature.caller(security).user();
        chat.join(caller, id);
        return Responses.ok(ModelJson.roomListing(new RoomListing(chat.room(caller, id), true)));
    }

    /** The room is read before leaving: a private room is no longer visible to its former member. */
    @POST
    @Path("{id}/leave")
    public Response leave(@Context SecurityContext security, @PathParam("id") String id) {
        User caller = AuthFeature.caller(security).user();
        Room room = chat.room(caller, id);
        chat.leave(caller, id);
        return Responses.ok(ModelJson.roomListing(new RoomListing(room, false)));
    }

    @GET
    @Path("{id}/members")
    public Response members(@Context SecurityContext security, @PathParam("id") String id) {
        return Responses.ok(memberArray(chat.members(AuthFeature.caller(security).user(), id)));
    }

    @POST
    @Path("{id}/members")
    public Response addMember(@Context SecurityContext security, @PathParam("id") String id, String body) {
        User caller = AuthFeature.caller(security).user();
        chat.addMember(caller, id, JsonBody.parse(body).requiredString("username"));
        return Responses.ok(memberArray(chat.members(caller, id)));
    }

    private static JsonArray memberArray(List<Member> members) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        members.forEach(m -> array.add(ModelJson.member(m)));
        return array.build();
    }

    @GET
    @Path("{id}/messages")
    public Response history(@Context SecurityContext security, @PathParam("id") String id,
                            @QueryParam("before") String before, @QueryParam("after") String after,
                            @QueryParam("limit") String limit, @QueryParam("kind") String kind) {
        User caller = AuthFeature.caller(security).user();
        PageRequest page = QueryParams.page(before, after, limit);
        if (kind != null) {
            // The audit of a room (kind=MODERATION,ROOM_UPDATED): only the entries of those kinds.
            return Responses.ok(ModelJson.historyPage(chat.admin().entries(caller, id, QueryParams.kinds(kind), page)));
        }
        return Responses.ok(ModelJson.historyPage(chat.history(caller, id, page)));
    }

    /** {@code {"text","clientMsgId"?,"replyTo"?,"thread"?}} */
    @POST
    @Path("{id}/messages")
    public Response post(@Context SecurityContext security, @PathParam("id") String id, String body) {
        return Responses.json(Response.Status.CREATED, ModelJson.message(chat.send(AuthFeature.caller(security).user(),
                id, JsonBody.parse(body).draft())));
    }

    @GET
    @Path("{id}/threads/{rootId}")
    public Response thread(@Context SecurityContext security, @PathParam("id") String id,
                           @PathParam("rootId") String rootId, @QueryParam("before") String before,
                           @QueryParam("after") String after, @QueryParam("limit") String limit) {
        return Responses.ok(ModelJson.historyPage(chat.thread(AuthFeature.caller(security).user(), id,
                MessageResource.id(id, rootId), QueryParams.page(before, after, limit))));
    }

    /**
     * Streams the {@code file} part into the engine, which stops reading and answers TOO_LARGE
     * past the configured limit; the part's own content type and file name are kept.
     */
    @POST
    @Path("{id}/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@Context SecurityContext security, @PathParam("id") String id,
                           @FormParam("file") EntityPart part) throws IOException {
        if (part == null) {
            throw ChatException.badRequest("a multipart field named 'file' is required");
        }
        String fileName = part.getFileName().map(MultipartFileName::decode).filter(n -> !n.isBlank()).orElse("file");
        String contentType = part.getMediaType() == null ? OCTET_STREAM : part.getMediaType().toString();
        try (InputStream data = part.getContent()) {
            return Responses.json(Response.Status.CREATED, ModelJson.sharedFile(
                    chat.shareFile(AuthFeature.caller(security).user(), id, fileName, contentType, data)));
        }
    }

    /** {@code {"seq"}}: moves the caller's read marker forward; 204 once it is stored. */
    @POST
    @Path("{id}/read")
    public Response read(@Context SecurityContext security, @PathParam("id") String id, String body) {
        if (body == null || body.isBlank()) {
            throw ChatException.badRequest("a JSON object body {\"seq\"} is required");
        }
        long seq = ReadStateJson.seq(JsonFields.parseObject(body), "read");
        chat.markRead(AuthFeature.caller(security).user(), id, seq);
        return Response.noContent().build();
    }

    /** {@code [{"username","lastReadSeq"}]} for the room's members. */
    @GET
    @Path("{id}/reads")
    public Response reads(@Context SecurityContext security, @PathParam("id") String id) {
        return Responses.ok(ReadStateJson.markers(chat.reads(AuthFeature.caller(security).user(), id)));
    }
}
