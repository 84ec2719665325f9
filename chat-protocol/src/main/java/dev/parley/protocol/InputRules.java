package dev.parley.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contract's input rules, in one place: user names, room ids, direct room ids, passwords,
 * texts, client message ids, file names and ids, content types. The engine enforces them; the
 * adapters, the SDK and the web page (through the limits the server publishes) take them from
 * here rather than copying them.
 *
 * <p>The methods that return a value return it when it is valid and throw a
 * {@link ChatException} with {@link ErrorCode#BAD_REQUEST} and a message fit to show a user
 * otherwise; the {@code is...} methods only answer. All methods are pure and thread-safe.
 */
public final class InputRules {
    /** The pattern of a user name (3 to 32 letters, digits, {@code _ . -}). */
    public static final String USERNAME_PATTERN = "[A-Za-z0-9_.-]{3,32}";
    /** The pattern of a user room id (lower case, 1 to 64 characters). */
    public static final String ROOM_ID_PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";
    /** The prefix of every direct room id: {@code dm.<a>.<b>}. */
    public static final String DIRECT_ROOM_PREFIX = "dm.";
    /** The fewest characters of a password. */
    public static final int MIN_PASSWORD = 8;
    /** The most characters of a password. */
    public static final int MAX_PASSWORD = 1024;
    /** The most characters of a {@code clientMsgId}. */
    public static final int MAX_CLIENT_MSG_ID = 128;
    /** The most characters of a room's display name. */
    public static final int MAX_ROOM_NAME = 100;
    /** The most characters of a stored file name. */
    public static final int MAX_FILE_NAME = 255;
    /** The name a file gets when nothing of its uploaded name is left. */
    public static final String FALLBACK_FILE_NAME = "file";
    /** The room announcements are stored in; outside the room-id pattern, so no user can create it. */
    public static final String ANNOUNCEMENTS = "_announcements";
    /** The longest reaction, in characters (code points). */
    public static final int MAX_EMOJI = 32;
    /** The most distinct reactions one message holds. */
    public static final int MAX_REACTIONS = 20;

    private static final Pattern USERNAME = Pattern.compile(USERNAME_PATTERN);
    private static final Pattern ROOM_ID = Pattern.compile(ROOM_ID_PATTERN);
    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern CONTENT_TYPE =
            Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}(\\s*;.{0,200})?");
    private static final int MAX_DIRECT_ROOM_ID = DIRECT_ROOM_PREFIX.length() + 32 + 1 + 32;

    private InputRules() {
    }

    /** A user name as given, if it matches {@link #USERNAME_PATTERN}. */
    public static String username(String value) {
        if (!isUsername(value)) {
            throw ChatException.badRequest("username must be 3 to 32 letters, digits, '_', '.' or '-'");
        }
        return value;
    }

    /** Whether a name matches the contract's username pattern. */
    public static boolean isUsername(String value) {
        return value != null && USERNAME.matcher(value).matches();
    }

    /** A password as given, if its length is within {@link #MIN_PASSWORD} and {@link #MAX_PASSWORD}. */
    public static String password(String value) {
        if (value == null || value.length() < MIN_PASSWORD) {
            throw ChatException.badRequest("password must be at least " + MIN_PASSWORD + " characters");
        }
        if (value.length() > MAX_PASSWORD) {
            throw ChatException.badRequest("password must be at most " + MAX_PASSWORD + " characters");
        }
        return value;
    }

    /** A user room id as given, if it matches {@link #ROOM_ID_PATTERN}. */
    public static String roomId(String value) {
        if (value == null || !ROOM_ID.matcher(value).matches()) {
            throw ChatException.badRequest(
                    "room id must be 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /**
     * A room id as it may be named in a request: a user room id, or anything with the direct
     * prefix short enough to be one (whether it names a room of the caller is the engine's question).
     */
    public static String anyRoomId(String value) {
        if (isDirectRoomId(value) && value.length() <= MAX_DIRECT_ROOM_ID) {
            return value;
        }
        return roomId(value);
    }

    /** Whether a room id names a direct room ({@code dm.<a>.<b>}); user room ids never do. */
    public static boolean isDirectRoomId(String room) {
        return room != null && room.startsWith(DIRECT_ROOM_PREFIX);
    }

    /** The direct room of two users: {@code dm.<a>.<b>}, lower case, sorted. */
    public static String directRoomId(String userA, String userB) {
        String a = key(userA);
        String b = key(userB);
        return a.compareTo(b) <= 0 ? DIRECT_ROOM_PREFIX + a + "." + b : DIRECT_ROOM_PREFIX + b + "." + a;
    }

    /**
     * The other member of a direct room as seen by {@code me} (lower case), if {@code room} is a
     * direct room id that {@code me} is one of. User names may hold dots, so the id is read from
     * the caller's side: {@code dm.<me>.<peer>} or {@code dm.<peer>.<me>}.
     */
    public static Optional<String> directPeer(String room, String me) {
        if (!isDirectRoomId(room)) {
            return Optional.empty();
        }
        String rest = room.substring(DIRECT_ROOM_PREFIX.length());
        String self = key(me);
        if (rest.startsWith(self + ".") && rest.length() > self.length() + 1) {
            return Optional.of(rest.substring(self.length() + 1));
        }
        if (rest.endsWith("." + self) && rest.length() > self.length() + 1) {
            return Optional.of(rest.substring(0, rest.length() - self.length() - 1));
        }
        return Optional.empty();
    }

    /** A room's display name: stripped, the id when empty, at most {@link #MAX_ROOM_NAME} characters. */
    public static String roomName(Optional<String> name, String id) {
        String n = name.map(String::strip).orElse("");
        if (n.isEmpty()) {
            return id;
        }
        if (n.length() > MAX_ROOM_NAME) {
            throw ChatException.badRequest("room name must be at most " + MAX_ROOM_NAME + " characters");
        }
        return n;
    }

    /** A message text as given, if not blank and at most {@code maxLength} code points. */
    public static String text(String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ChatException.badRequest("text must not be empty");
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw ChatException.badRequest("text is " + length + " characters, the limit is " + maxLength);
        }
        return value;
    }

    /**
     * A reaction as given, if it is 1 to {@link #MAX_EMOJI} characters (code points) with no
     * whitespace or control character: an emoji, a short code such as {@code :tada:}, or a word.
     */
    public static String emoji(String value) {
        if (value == null || value.isEmpty()) {
            throw ChatException.badRequest("emoji must not be empty");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_EMOJI) {
            throw ChatException.badRequest("emoji is " + length + " characters, the limit is " + MAX_EMOJI);
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)
                    || (Character.isSurrogate(value.charAt(i)) && Character.charCount(c) == 1)) {
                throw ChatException.badRequest("emoji must not contain spaces or control characters");
            }
            i += Character.charCount(c);
        }
        return value;
    }

    /** A {@code clientMsgId} as given, if absent or 1 to {@link #MAX_CLIENT_MSG_ID} characters. */
    public static Optional<String> clientMsgId(Optional<String> value) {
        if (value.isPresent()) {
            String v = value.get();
            if (v.isEmpty() || v.length() > MAX_CLIENT_MSG_ID) {
                throw ChatException.badRequest("clientMsgId must be 1 to " + MAX_CLIENT_MSG_ID + " characters");
            }
        }
        return value;
    }

    /**
     * A file name chosen by an uploader, made fit to store, to send back in a header and to save
     * under: no directory part, no quote, backslash, control or invisible formatting character
     * (CR/LF would split a header; U+202E would disguise an extension), not {@code .} or
     * {@code ..}, at most {@link #MAX_FILE_NAME} characters; {@link #FALLBACK_FILE_NAME} when
     * nothing is left.
     */
    public static String fileName(String value) {
        String n = value == null ? "" : value;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(n.length());
        n.codePoints()
                .filter(c -> c != '"' && !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                        && c != 0x2028 && c != 0x2029)
                .forEach(clean::appendCodePoint);
        n = clean.toString().strip();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            return FALLBACK_FILE_NAME;
        }
        if (n.length() > MAX_FILE_NAME) {
            int end = MAX_FILE_NAME;
            if (Character.isHighSurrogate(n.charAt(end - 1))) {
                end--;
            }
            n = n.substring(0, end).strip();
        }
        return n;
    }

    /** Whether a string has the form of a file id (URL-safe Base64, 1 to 128 characters). */
    public static boolean isFileId(String value) {
        return value != null && FILE_ID.matcher(value).matches();
    }

    /** A content type as given (stripped), {@code application/octet-stream} when absent. */
    public static String contentType(String value) {
        if (value == null || value.isBlank()) {
            return "application/octet-stream";
        }
        String v = value.strip();
        if (!CONTENT_TYPE.matcher(v).matches()) {
            throw ChatException.badRequest("content type \"" + v + "\" is not a valid MIME type");
        }
        return v;
    }

    /** The key user names are compared and stored under: lower case. */
    public static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /** The longest display name, in characters (code points). */
    public static final int MAX_DISPLAY_NAME = 64;

    /**
     * A display name as it is stored: stripped of surrounding white space, at most
     * {@link #MAX_DISPLAY_NAME} characters (code points), with no control character and no unpaired
     * surrogate. Absent, {@code null}-valued or blank clears the display name (empty).
     */
    public static Optional<String> displayName(Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return Optional.empty();
        }
        String v = value.get().strip();
        int length = v.codePointCount(0, v.length());
        if (length > MAX_DISPLAY_NAME) {
            throw ChatException.badRequest("displayName is " + length + " characters, the limit is " + MAX_DISPLAY_NAME);
        }
        for (int i = 0; i < v.length(); ) {
            int c = v.codePointAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT && c != 0x200D
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                    || (Character.isSurrogate(v.charAt(i)) && Character.charCount(c) == 1)) {
                throw ChatException.badRequest("displayName must not contain control characters");
            }
            i += Character.charCount(c);
        }
        return Optional.of(v);
    }
}
