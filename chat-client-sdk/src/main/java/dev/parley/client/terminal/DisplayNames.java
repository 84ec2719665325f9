package dev.parley.client.terminal;

import dev.parley.protocol.InputRules;
import dev.parley.protocol.Member;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The display names the terminal client knows, learned from the member lists it reads and the
 * profiles it looks up; a user is shown as {@code Alice Liddell (@alice)} when they have one, as
 * {@code alice} otherwise, so the username stays in sight for {@code /pm} and {@code /block}.
 * Thread-safe: the printer's thread reads while the input loop learns.
 */
final class DisplayNames {
    private final ConcurrentMap<String, String> byKey = new ConcurrentHashMap<>();

    /** How a user is shown. */
    String of(String username) {
        String name = byKey.get(InputRules.key(username));
        return name == null ? username : name + " (@" + username + ")";
    }

    /** A user's display name as now known: set, or (empty) cleared. */
    void learn(String username, Optional<String> displayName) {
        if (displayName.isPresent()) {
            byKey.put(InputRules.key(username), displayName.get());
        } else {
            byKey.remove(InputRules.key(username));
        }
    }

    /** Every member's display name, from a members list. */
    void learn(Collection<Member> members) {
        for (Member m : members) {
            learn(m.username(), m.displayName());
        }
    }
}
