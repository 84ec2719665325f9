package dev.parley.core.internal;

import dev.parley.core.ChatConfig;
import dev.parley.protocol.InputRules;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Who is a server admin, the one answer every check of {@link Permissions} is given: the usernames
 * of {@link ChatConfig#admins()}, and the principals the host's container last reported in
 * {@link ChatConfig#adminRole()} (see {@link dev.parley.core.Chat#principal(String, Predicate)}).
 * A container's report holds on this node from that call until the next call for the same user,
 * which may take it back; other nodes learn it when the user comes through them. Thread-safe.
 */
final class ServerAdmins {
    private static final System.Logger LOG = System.getLogger(ServerAdmins.class.getName());

    private final ChatConfig config;
    /** Keys ({@link InputRules#key}) of the principals the container put in the admin role. */
    private final Set<String> byRole = ConcurrentHashMap.newKeySet();

    ServerAdmins(ChatConfig config) {
        this.config = config;
    }

    /** Whether {@code username} acts as a server admin. */
    boolean isAdmin(String username) {
        return config.isAdmin(username) || byRole.contains(InputRules.key(username));
    }

    /**
     * The host's container authenticated {@code username}; {@code inRole} answers its roles.
     *
     * @return whether the user is now a server admin
     */
    boolean reported(String username, Predicate<String> inRole) {
        String key = InputRules.key(username);
        boolean admin = inRole.test(config.adminRole());
        boolean changed = admin ? byRole.add(key) : byRole.remove(key);
        if (changed) {
            LOG.log(System.Logger.Level.INFO, "server admin by the container role {0}: user={1} admin={2}",
                    config.adminRole(), username, admin);
        }
        return admin || config.isAdmin(username);
    }
}
