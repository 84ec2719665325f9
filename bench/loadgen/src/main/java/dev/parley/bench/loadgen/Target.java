package dev.parley.bench.loadgen;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server under test on 127.0.0.1: its name in the tables, its kind, and the nodes it runs on, each
 * a port and the process id the probes read CPU and memory from. Most targets are one process; a
 * cluster (S1X2) is several Parley nodes sharing a database, measured as one target whose CPU is the
 * sum of its nodes'. Parsed from {@code name=kind@port:pid}, nodes joined with {@code +}.
 *
 * @param name  a label (parley, tyrus, node, pg1, x2)
 * @param kind  what it speaks
 * @param nodes its processes, at least one; the first one answers REST calls
 */
record Target(String name, Kind kind, List<Node> nodes) {

    /** One process of a target: its port on 127.0.0.1 and its process id. */
    record Node(int port, long pid) {
    }

    /** What a target speaks: Parley's contract, or a bare broadcast server (Java or Node). */
    enum Kind {
        /** Parley: login over HTTP, {@code /ws?token=}, subscribe and send frames, acks. */
        PARLEY,
        /** The Tyrus baseline: {@code /ws} echoes to all, {@code /room/<id>} to a room; a JVM. */
        TYRUS,
        /** The Node ws baseline: the same paths; memory from its {@code /stats}. */
        NODE;

        boolean isJvm() {
            return this != NODE;
        }
    }

    Target {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a target needs at least one node");
        }
    }

    static Target parse(String spec) {
        try {
            int eq = spec.indexOf('=');
            int at = spec.indexOf('@', eq);
            String name = spec.substring(0, eq);
            Kind kind = Kind.valueOf(spec.substring(eq + 1, at).toUpperCase(Locale.ROOT));
            List<Node> nodes = new ArrayList<>();
            for (String node : spec.substring(at + 1).split("\\+")) {
                int colon = node.indexOf(':');
                int port = Integer.parseInt(node.substring(0, colon));
                long pid = Long.parseLong(node.substring(colon + 1));
                if (port < 1 || port > 65535 || pid < 1) {
                    throw new IllegalArgumentException("port or pid out of range");
                }
                nodes.add(new Node(port, pid));
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty name");
            }
            if (nodes.size() > 1 && kind != Kind.PARLEY) {
                throw new IllegalArgumentException("only parley targets can have several nodes");
            }
            return new Target(name, kind, nodes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad target '" + spec + "': expected name=parley|tyrus|node@port:pid"
                    + " (several Parley nodes: name=parley@port:pid+port:pid) (" + e.getMessage() + ")");
        }
    }

    boolean isParley() {
        return kind == Kind.PARLEY;
    }

    /** The first node's port. */
    int port() {
        return nodes.get(0).port();
    }

    /** The first node's process id (single-process scenarios read memory from it). */
    long pid() {
        return nodes.get(0).pid();
    }

    /** An http or ws URI on the first node; always 127.0.0.1. */
    URI uri(String scheme, String pathAndQuery) {
        return uri(0, scheme, pathAndQuery);
    }

    /** An http or ws URI on node {@code i % nodes}; always 127.0.0.1. */
    URI uri(int i, String scheme, String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + nodes.get(i % nodes.size()).port() + pathAndQuery);
    }
}
