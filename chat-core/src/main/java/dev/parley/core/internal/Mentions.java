package dev.parley.core.internal;

import dev.parley.core.spi.NewMessage;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.UserStore;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.User;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code @username} mentions of a text, once, when a message or an edit is accepted: the
 * one place the rule is written. A mention is an {@code @} at the start of the text or after a
 * character that cannot be part of a username (so {@code bob@example.org} mentions nobody),
 * followed by a username of a member of the room, matched case-insensitively and listed as
 * registered, in order of first mention, each once. Trailing dots and hyphens, which a username
 * may hold, are dropped when the longer name is no member ({@code "thanks @alice."}). At most
 * {@link #MAX} names are looked up per text. Thread-safe.
 */
final class Mentions {
    /** How many distinct candidate names of one text are looked up at most. */
    static final int MAX = 50;
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.@-])@([A-Za-z0-9_.-]{1,64})");

    private final UserStore users;
    private final RoomStore rooms;
    private final KnownMembers members;

    Mentions(UserStore users, RoomStore rooms, KnownMembers members) {
        this.users = users;
        this.rooms = rooms;
        this.members = members;
    }

    /** The entry with the mentions of its text, for CHAT, PRIVATE and EDIT; any other entry as it is. */
    NewMessage parse(NewMessage entry) {
        MessageKind k = entry.kind();
        if (k != MessageKind.CHAT && k != MessageKind.PRIVATE && k != MessageKind.EDIT) {
            return entry;
        }
        List<String> found = in(entry.room(), entry.text());
        return found.isEmpty() ? entry : entry.withMentions(found);
    }

    /** The members of {@code room} that {@code text} mentions, as registered. */
    List<String> in(String room, String text) {
        if (text.indexOf('@') < 0) {
            return List.of();
        }
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, Boolean> looked = new LinkedHashMap<>();
        Matcher m = MENTION.matcher(text);
        while (m.find() && looked.size() < MAX) {
            String name = m.group(1);
            while (!name.isEmpty()) {
                Optional<String> member = member(room, name, looked);
                if (member.isPresent()) {
                    found.putIfAbsent(InputRules.key(member.get()), member.get());
                    break;
                }
                char last = name.charAt(name.length() - 1);
                if (last != '.' && last != '-') {
                    break;
                }
                name = name.substring(0, name.length() - 1);
            }
        }
        return found.isEmpty() ? List.of() : List.copyOf(new ArrayList<>(found.values()));
    }

    private Optional<String> member(String room, String name, Map<String, Boolean> looked) {
        if (!InputRules.isUsername(name)) {
            return Optional.empty();
        }
        String key = InputRules.key(name);
        if (Boolean.FALSE.equals(looked.get(key))) {
            return Optional.empty();
        }
        Optional<User> user = users.find(name).map(u -> u.user()).filter(u -> members.isMember(room,
                InputRules.key(u.username()), () -> rooms.role(room, u.username()).isPresent()));
        looked.put(key, user.isPresent());
        return user.map(User::username);
    }
}
