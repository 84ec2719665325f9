package dev.parley.core.internal;

import dev.parley.protocol.ChatException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The contract's input rules, in one place: names, ids, texts, keys. */
final class Rules {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    private static final Pattern ROOM_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}(\\s*;.{0,200})?");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;
    static final int MAX_CLIENT_MSG_ID = 128;
    static final int MAX_ROOM_NAME = 100;
    static final int MAX_FILE_NAME = 255;

    /** The room announcements are stored in; outside the room-id pattern, so no user can create it. */
    static final String ANNOUNCEMENTS = "_announcements";

    private Rules() {
    }

    static String username(String value) {
        if (!isUsername(value)) {
            throw ChatException.badRequest("username must be 3 to 32 letters, digits, '_', '.' or '-'");
        }
        return value;
    }

    /** Whether a name matches the contract's username pattern. */
    static boolean isUsername(String value) {
        return value != null && USERNAME.matcher(value).matches();
    }

    static String password(String value) {
        if (value == null || value.length() < MIN_PASSWORD) {
            throw ChatException.badRequest("password must be at least " + MIN_PASSWORD + " characters");
        }
        if (value.length() > MAX_PASSWORD) {
            throw ChatException.badRequest("password must be at most " + MAX_PASSWORD + " characters");
        }
        return value;
    }

    static String roomId(String value) {
        if (value == null || !ROOM_ID.matcher(value).matches()) {
            throw ChatException.badRequest(
                    "room id must be 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** A room id as it may be named in a request: a user room id or a direct room id. */
    static String anyRoomId(String value) {
        if (value != null && value.startsWith("dm.") && value.length() <= 3 + 32 + 1 + 32) {
            return value;
        }
        return roomId(value);
    }

    static String roomName(Optional<String> name, String id) {
        String n = name.map(String::strip).orElse("");
        if (n.isEmpty()) {
            return id;
        }
        if (n.length() > MAX_ROOM_NAME) {
            throw ChatException.badRequest("room name must be at most " + MAX_ROOM_NAME + " characters");
        }
        return n;
    }

    static String text(String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ChatException.badRequest("text must not be empty");
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw ChatException.badRequest("text is " + length + " characters, the limit is " + maxLength);
        }
        return value;
    }

    static Optional<String> clientMsgId(Optional<String> value) {
        if (value.isPresent()) {
            String v = value.get();
            if (v.isEmpty() || v.length() > MAX_CLIENT_MSG_ID) {
                throw ChatException.badRequest("clientMsgId must be 1 to " + MAX_CLIENT_MSG_ID + " characters");
            }
        }
        return value;
    }

    /** The direct room of two users: {@code dm.<a>.<b>}, lower case, sorted. */
    static String directRoomId(String userA, String userB) {
        String a = userA.toLowerCase(Locale.ROOT);
        String b = userB.toLowerCase(Locale.ROOT);
        return a.compareTo(b) <= 0 ? "dm." + a + "." + b : "dm." + b + "." + a;
    }

    /**
     * Whether a room id names a direct room. Only {@link #directRoomId} makes ids with a '.', which the
     * room id pattern refuses, so this agrees with the room's {@code Visibility.DIRECT} without reading it.
     */
    static boolean isDirectRoomId(String roomId) {
        return roomId.startsWith("dm.");
    }

    /** A file name fit to store and to send back in a header: no directories, no control characters. */
    static String fileName(String value) {
        String n = value == null ? "" : value;
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        StringBuilder clean = new StringBuilder(n.length());
        n.codePoints().filter(c -> !Character.isISOControl(c) && c != '"').forEach(clean::appendCodePoint);
        n = clean.toString().strip();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            n = "file";
        }
        if (n.length() > MAX_FILE_NAME) {
            n = n.substring(0, MAX_FILE_NAME);
        }
        return n;
    }

    static String contentType(String value) {
        if (value == null || value.isBlank()) {
            return "application/octet-stream";
        }
        String v = value.strip();
        if (!CONTENT_TYPE.matcher(v).matches()) {
            throw ChatException.badRequest("content type \"" + v + "\" is not a valid MIME type");
        }
        return v;
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
