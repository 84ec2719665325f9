package dev.parley.protocol;

/**
 * The input rules a client checks before it sends, as a server publishes them on
 * {@code GET /api/config}: the {@link InputRules} of the contract plus this server's configured
 * limits. A web page or SDK reads them from the server rather than copying them, so a server
 * configured for longer texts is not refused by its own page.
 *
 * @param maxTextLength        most characters (code points) in a message text, as configured
 * @param maxUploadBytes       most bytes in an uploaded file, as configured
 * @param usernamePattern      a user name's pattern (Java and JavaScript regular expression syntax)
 * @param roomIdPattern        a user room id's pattern
 * @param directRoomPrefix     the prefix of a direct room id {@code dm.<a>.<b>}
 * @param minPasswordLength    fewest characters of a password
 * @param maxPasswordLength    most characters of a password
 * @param maxRoomNameLength    most characters of a room's display name
 * @param maxClientMsgIdLength most characters of a {@code clientMsgId}
 * @param maxEmojiLength       most characters (code points) of a reaction
 * @param maxReactions         most distinct reactions one message holds
 */
public record ClientRules(int maxTextLength, long maxUploadBytes, String usernamePattern, String roomIdPattern,
                          String directRoomPrefix, int minPasswordLength, int maxPasswordLength,
                          int maxRoomNameLength, int maxClientMsgIdLength, int maxEmojiLength, int maxReactions) {

    /** The contract's rules with a server's configured text and upload limits. */
    public static ClientRules of(int maxTextLength, long maxUploadBytes) {
        return new ClientRules(maxTextLength, maxUploadBytes, InputRules.USERNAME_PATTERN, InputRules.ROOM_ID_PATTERN,
                InputRules.DIRECT_ROOM_PREFIX, InputRules.MIN_PASSWORD, InputRules.MAX_PASSWORD,
                InputRules.MAX_ROOM_NAME, InputRules.MAX_CLIENT_MSG_ID, InputRules.MAX_EMOJI, InputRules.MAX_REACTIONS);
    }
}
