package dev.parley.client.internal;

import dev.parley.protocol.ContentDisposition;
import dev.parley.protocol.InputRules;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.SearchRequest;
import dev.parley.protocol.SearchResults;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.SharedFile;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.internal.ModelJson;
import dev.parley.protocol.internal.ReadStateJson;
import dev.parley.protocol.ReadMarker;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The contract's REST endpoints, one method each, on {@link HttpApi}. Thread-safe. */
final class Rest {
    private final HttpApi api;
    private final Duration requestTimeout;

    Rest(HttpApi api, Duration requestTimeout) {
        this.api = api;
        this.requestTimeout = requestTimeout;
    }

    HttpApi api() {
        return api;
    }

    // ---- users -----------------------------------------------------------------------------

    User register(String username, String password) {
        var body = Json.createObjectBuilder().add("username", username).add("password", password).build();
        return HttpApi.read(api.call("POST", "/api/auth/register", HttpApi.json(body), false, true), ModelJson::user);
    }

    void logout() {
        api.call("POST", "/api/auth/logout", null, true, false);
        api.forgetToken();
    }

    User me() {
        return HttpApi.read(get("/api/me"), ModelJson::user);
    }

    User setDisplayName(Optional<String> displayName) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (displayName.isPresent()) {
            b.add("displayName", displayName.get());
        } else {
            b.addNull("displayName");
        }
        return HttpApi.read(api.call("PATCH", "/api/me", HttpApi.json(b.build()), true, true), ModelJson::user);
    }

    void changePassword(String current, String next) {
        var body = Json.createObjectBuilder().add("current", Objects.requireNonNull(current, "current"))
                .add("new", Objects.requireNonNull(next, "next")).build();
        api.call("POST", "/api/me/password", HttpApi.json(body), true, false);
        api.passwordChanged(next);
    }

    void block(String username) {
        api.call("PUT", "/api/me/blocks/" + segment(username), null, true, true);
    }

    void unblock(String username) {
        api.call("DELETE", "/api/me/blocks/" + segment(username), null, true, true);
    }

    List<UserProfile> blocks() {
        return HttpApi.readArray(get("/api/me/blocks"), ModelJson::profile);
    }

    UserProfile user(String username) {
        return HttpApi.read(get("/api/users/" + segment(username)), ModelJson::profile);
    }

    List<String> onlineUsers() {
        return HttpApi.readArray(get("/api/users/online"), o -> {
            if (o.get("username") instanceof JsonString s) {
                return s.getString();
            }
            throw HttpApi.unexpected("an online user needs a \"username\"");
        });
    }

    // ---- rooms -----------------------------------------------------------------------------

    List<RoomListing> rooms() {
        return HttpApi.readArray(get("/api/rooms"), ModelJson::roomListing);
    }

    Room createRoom(String id, Optional<String> name, Visibility visibility, List<String> members) {
        Objects.requireNonNull(id, "id");
        if (visibility == Visibility.DIRECT) {
            throw new IllegalArgumentException("direct rooms are created by sending a direct message, not by createRoom");
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", id).add("visibility", visibility.wireName());
        name.ifPresent(n -> b.add("name", n));
        if (!members.isEmpty()) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            members.forEach(a::add);
            b.add("members", a);
        }
        return HttpApi.read(api.call("POST", "/api/rooms", HttpApi.json(b.build()), true, true), ModelJson::room);
    }

    Room room(String id) {
        return HttpApi.read(get("/api/rooms/" + segment(id)), ModelJson::room);
    }

    void join(String room) {
        api.call("POST", "/api/rooms/" + segment(room) + "/join", null, true, true);
    }

    void leave(String room) {
        api.call("POST", "/api/rooms/" + segment(room) + "/leave", null, true, true);
    }

    void addMember(String room, String username) {
        var body = Json.createObjectBuilder().add("username", username).build();
        api.call("POST", "/api/rooms/" + segment(room) + "/members", HttpApi.json(body), true, true);
    }

    List<Member> members(String room) {
        return HttpApi.readArray(get("/api/rooms/" + segment(room) + "/members"), ModelJson::member);
    }

    void markRead(String room, long seq) {
        api.call("POST", "/api/rooms/" + segment(room) + "/read", HttpApi.json(ReadStateJson.readBody(seq)), true, true);
    }

    List<ReadMarker> reads(String room) {
        return HttpApi.readArray(get("/api/rooms/" + segment(room) + "/reads"), o -> ReadStateJson.marker(room, o));
    }

    // ---- messages --------------------------------------------------------------------------

    HistoryPage history(String room, PageRequest page) {
        return HttpApi.read(get("/api/rooms/" + segment(room) + "/messages" + query(page)), ModelJson::historyPage);
    }

    Message message(String room, long id) {
        return HttpApi.read(get("/api/rooms/" + segment(room) + "/messages/" + id), ModelJson::message);
    }

    HistoryPage thread(String room, long rootId, PageRequest page) {
        return HttpApi.read(get("/api/rooms/" + segment(room) + "/threads/" + rootId + query(page)),
                ModelJson::historyPage);
    }

    HistoryPage directHistory(String username, PageRequest page) {
        return HttpApi.read(get("/api/dm/" + segment(username) + "/messages" + query(page)), ModelJson::historyPage);
    }

    SearchResults search(SearchRequest request) {
        StringBuilder q = new StringBuilder("/api/search?q=").append(URLEncoder.encode(request.q(), StandardCharsets.UTF_8))
                .append("&limit=").append(request.limit());
        request.room().ifPresent(r -> q.append("&room=").append(URLEncoder.encode(r, StandardCharsets.UTF_8)));
        request.before().ifPresent(b -> q.append("&before=").append(b));
        HistoryPage page = HttpApi.read(get(q.toString()), ModelJson::historyPage);
        return new SearchResults(page.messages(), page.hasMore());
    }

    void announce(String text) {
        var body = Json.createObjectBuilder().add("text", text).build();
        api.call("POST", "/api/announcements", HttpApi.json(body), true, true);
    }

    Optional<Message> latestAnnouncement() {
        HttpResponse<String> r = get("/api/announcements/latest");
        if (r.statusCode() == 204 || r.body().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(HttpApi.read(r, ModelJson::message));
    }

    EventsPage events(long after, Duration wait) {
        if (after < 0) {
            throw new IllegalArgumentException("after must be >= 0, got " + after);
        }
        long seconds = Math.max(0, Math.min(wait.toSeconds(), 30));
        HttpResponse<String> r = api.exchange("GET", "/api/events?after=" + after + "&wait=" + seconds, null,
                "application/json", requestTimeout.plusSeconds(seconds), true, true,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), HttpResponse::body);
        return HttpApi.read(r, ModelJson::eventsPage);
    }

    // ---- files -----------------------------------------------------------------------------

    SharedFile upload(String room, Path file, String contentType) {
        if (!Files.isRegularFile(file)) {
            throw new ChatClientException(ErrorCode.BAD_REQUEST, "not a readable file: " + file, 0, null);
        }
        Path name = file.getFileName();
        // A path can be opened again, so a re-login may retry the upload.
        return upload(room, name == null ? "file" : name.toString(), contentType, () -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, true);
    }

    SharedFile upload(String room, InputStream data, String fileName, String contentType) {
        Objects.requireNonNull(data, "data");
        InputStream unclosed = new java.io.FilterInputStream(data) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        };
        return upload(room, fileName, contentType, () -> unclosed, false);
    }

    private SharedFile upload(String room, String fileName, String contentType,
                              java.util.function.Supplier<InputStream> data, boolean retryable) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Multipart body = Multipart.file("file", fileName, contentType, data);
        HttpResponse<String> r = api.exchange("POST", "/api/rooms/" + segment(room) + "/files", body::publisher,
                body.contentType(), requestTimeout, true, retryable,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), HttpResponse::body);
        return HttpApi.read(r, ModelJson::sharedFile);
    }

    FileInfo download(String fileId, OutputStream out) {
        return fetch(fileId, "/api/files/" + segment(fileId), out, fileId);
    }

    FileInfo thumbnail(String fileId, OutputStream out) {
        return fetch(fileId, "/api/files/" + segment(fileId) + "/thumbnail", out, "thumbnail");
    }

    private FileInfo fetch(String fileId, String path, OutputStream out, String defaultName) {
        Objects.requireNonNull(out, "out");
        HttpResponse<InputStream> r = api.exchange("GET", path, null, "application/json",
                requestTimeout, true, true, HttpResponse.BodyHandlers.ofInputStream(), HttpApi::textOfStream);
        long size;
        try (InputStream in = r.body()) {
            size = in.transferTo(out);
        } catch (IOException e) {
            throw new ChatClientException(ErrorCode.UNAVAILABLE, "download of " + path + " failed: " + e.getMessage(),
                    0, e);
        }
        String type = r.headers().firstValue("Content-Type").orElse("application/octet-stream");
        String name = r.headers().firstValue("Content-Disposition").flatMap(ContentDisposition::fileName)
                .orElse(defaultName);
        return new FileInfo(fileId, name, size, type);
    }

    FileInfo download(String fileId, Path target) {
        Objects.requireNonNull(target, "target");
        Path dir = Files.isDirectory(target) ? target : target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(dir, ".parley-", ".part");
        } catch (IOException e) {
            throw new ChatClientException(ErrorCode.BAD_REQUEST, "cannot write into " + dir + ": " + e.getMessage(), 0, e);
        }
        boolean done = false;
        try {
            FileInfo info;
            try (OutputStream out = Files.newOutputStream(temp)) {
                info = download(fileId, out);
            }
            Path dest = Files.isDirectory(target) ? target.resolve(InputRules.fileName(info.name())) : target;
            Files.move(temp, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            done = true;
            return new FileInfo(info.id(), dest.getFileName().toString(), info.size(), info.contentType());
        } catch (IOException e) {
            throw new ChatClientException(ErrorCode.BAD_REQUEST, "cannot write " + target + ": " + e.getMessage(), 0, e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the failure being reported matters more
                }
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private HttpResponse<String> get(String path) {
        return api.call("GET", path, null, true, true);
    }

    private static String query(PageRequest page) {
        StringBuilder q = new StringBuilder("?limit=").append(page.limit());
        page.before().ifPresent(b -> q.append("&before=").append(b));
        page.after().ifPresent(a -> q.append("&after=").append(a));
        return q.toString();
    }

    /** Percent-encodes a path segment, keeping only RFC 3986's unreserved characters as they are. */
    static String segment(String s) {
        Objects.requireNonNull(s, "path segment");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("an id or name must not be empty");
        }
        StringBuilder b = new StringBuilder(s.length());
        for (byte by : s.getBytes(StandardCharsets.UTF_8)) {
            int c = by & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        String out = b.toString();
        // "." and ".." would be resolved away as path steps
        return out.equals(".") || out.equals("..") ? out.replace(".", "%2E") : out;
    }
}
