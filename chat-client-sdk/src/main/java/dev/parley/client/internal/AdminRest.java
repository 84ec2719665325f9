package dev.parley.client.internal;

import dev.parley.client.RoomAdmin;
import dev.parley.protocol.Ban;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Member;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.internal.ModelJson;
import dev.parley.protocol.internal.RoomActJson;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RoomAdmin} over the contract's moderation endpoints, on {@link HttpApi}. The idempotent
 * calls (PATCH, PUT, DELETE) may be retried on a transport failure; a ban or a mute (POST) is not,
 * since a retry would post a second entry. Thread-safe.
 */
final class AdminRest implements RoomAdmin {
    private final HttpApi api;

    AdminRest(HttpApi api) {
        this.api = api;
    }

    private static String room(String room) {
        return "/api/rooms/" + Rest.segment(room);
    }

    @Override
    public Room update(String room, Optional<String> name, Optional<String> topic, Optional<Boolean> readOnly) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        name.ifPresent(n -> b.add("name", n));
        topic.ifPresent(t -> b.add("topic", t));
        readOnly.ifPresent(r -> b.add("readOnly", r));
        return HttpApi.read(api.call("PATCH", room(room), HttpApi.json(b.build()), true, true), ModelJson::room);
    }

    @Override
    public Member setRole(String room, String username, Role role) {
        Objects.requireNonNull(role, "role");
        var body = Json.createObjectBuilder().add("role", role.wireName()).build();
        return HttpApi.read(api.call("PUT", room(room) + "/members/" + Rest.segment(username), HttpApi.json(body),
                true, true), ModelJson::member);
    }

    @Override
    public void kick(String room, String username) {
        api.call("DELETE", room(room) + "/members/" + Rest.segment(username), null, true, true);
    }

    @Override
    public void ban(String room, String username, Optional<Instant> until, Optional<String> reason) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("username", username);
        until.ifPresent(t -> b.add("until", t.toString()));
        reason.ifPresent(r -> b.add("reason", r));
        api.call("POST", room(room) + "/bans", HttpApi.json(b.build()), true, false);
    }

    @Override
    public void unban(String room, String username) {
        api.call("DELETE", room(room) + "/bans/" + Rest.segment(username), null, true, true);
    }

    @Override
    public List<Ban> bans(String room) {
        return HttpApi.readArray(api.call("GET", room(room) + "/bans", null, true, true), RoomActJson::ban);
    }

    @Override
    public void mute(String room, String username, Optional<Instant> until) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("username", username);
        until.ifPresent(t -> b.add("until", t.toString()));
        api.call("POST", room(room) + "/mutes", HttpApi.json(b.build()), true, false);
    }

    @Override
    public void unmute(String room, String username) {
        api.call("DELETE", room(room) + "/mutes/" + Rest.segment(username), null, true, true);
    }

    @Override
    public HistoryPage audit(String room, PageRequest page) {
        StringBuilder q = new StringBuilder("?kind=MODERATION,ROOM_UPDATED&limit=").append(page.limit());
        page.before().ifPresent(b -> q.append("&before=").append(b));
        page.after().ifPresent(a -> q.append("&after=").append(a));
        return HttpApi.read(api.call("GET", room(room) + "/messages" + q, null, true, true), ModelJson::historyPage);
    }
}
