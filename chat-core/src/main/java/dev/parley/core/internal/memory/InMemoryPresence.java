package dev.parley.core.internal.memory;

import dev.parley.core.spi.Listeners;
import dev.parley.core.spi.PresenceStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Internal presence of a cluster whose nodes live in one JVM: {@link #node} gives each node its
 * {@link PresenceStore}. A node's {@code close()} is its death, seen at once: its users that no
 * other node has go offline, reported to the listeners of the oldest surviving node (the one a
 * Redis reaper would be). {@link PresenceStore#inMemory()} is a cluster of one.
 *
 * <p>Thread-safe: the state is guarded by this object's monitor; listeners are called after it is
 * released, on the thread that closed the dead node.
 */
public final class InMemoryPresence {


    /** Live nodes and their users, oldest first. Guarded by this. */
    private final Map<Node, Set<String>> nodes = new LinkedHashMap<>();
    /** For each online user, how many live nodes have them. Guarded by this. */
    private final Map<String, Integer> counts = new HashMap<>();

    /** A new live node of this cluster; the name is for diagnostics only. */
    public PresenceStore node(String name) {
        Node n = new Node(Objects.requireNonNull(name, "name"));
        synchronized (this) {
            nodes.put(n, new HashSet<>());
        }
        return n;
    }

    private synchronized boolean add(Node node, String username) {
        Set<String> users = nodes.get(node);
        if (users == null || !users.add(username)) {
            return false;
        }
        return counts.merge(username, 1, Integer::sum) == 1;
    }

    private synchronized boolean remove(Node node, String username) {
        Set<String> users = nodes.get(node);
        if (users == null || !users.remove(username)) {
            return false;
        }
        return decrement(username);
    }

    private boolean decrement(String username) {
        if (counts.merge(username, -1, Integer::sum) <= 0) {
            counts.remove(username);
            return true;
        }
        return false;
    }

    private synchronized boolean isOnline(String username) {
        return counts.containsKey(username);
    }

    private synchronized List<String> onlineUsers() {
        List<String> out = new ArrayList<>(counts.keySet());
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out;
    }

    private void died(Node node) {
        List<String> gone = new ArrayList<>();
        Node reporter;
        synchronized (this) {
            Set<String> users = nodes.remove(node);
            if (users == null) {
                return;
            }
            for (String u : users) {
                if (decrement(u)) {
                    gone.add(u);
                }
            }
            reporter = nodes.keySet().stream().findFirst().orElse(null);
        }
        if (reporter != null) {
            gone.sort(String.CASE_INSENSITIVE_ORDER);
            gone.forEach(u -> reporter.report(u, false));
        }
    }

    /** One node's view. */
    private final class Node implements PresenceStore {
        private final String name;
        private final Listeners<Listener> listeners = new Listeners<>();

        Node(String name) {
            this.name = name;
        }

        @Override
        public boolean online(String username) {
            return add(this, Objects.requireNonNull(username, "username"));
        }

        @Override
        public boolean offline(String username) {
            return remove(this, Objects.requireNonNull(username, "username"));
        }

        @Override
        public boolean isOnline(String username) {
            return InMemoryPresence.this.isOnline(username);
        }

        @Override
        public List<String> onlineUsers() {
            return InMemoryPresence.this.onlineUsers();
        }

        @Override
        public AutoCloseable subscribe(Listener listener) {
            return listeners.add(listener);
        }

        void report(String username, boolean online) {
            listeners.forEach(l -> l.changed(username, online), () -> "presence of " + username + " on node " + name);
        }

        @Override
        public void close() {
            died(this);
        }

        @Override
        public String toString() {
            return "InMemoryPresence.Node[" + name + "]";
        }
    }
}
