package dev.parley.bench.loadgen;

import java.net.URI;
import java.util.Locale;

/**
 * A server under test on 127.0.0.1: its name in the tables, its kind, its port and the process id
 * the probes read CPU and memory from. Parsed from {@code name=kind@port:pid}.
 *
 * @param name a label (parley, tyrus, node)
 * @param kind what it speaks
 * @param port its port on 127.0.0.1
 * @param pid  its process id
 */
record Target(String name, Kind kind, int port, long pid) {

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

    static Target parse(String spec) {
        try {
            int eq = spec.indexOf('=');
            int at = spec.indexOf('@', eq);
            int colon = spec.indexOf(':', at);
            String name = spec.substring(0, eq);
            Kind kind = Kind.valueOf(spec.substring(eq + 1, at).toUpperCase(Locale.ROOT));
            int port = Integer.parseInt(spec.substring(at + 1, colon));
            long pid = Long.parseLong(spec.substring(colon + 1));
            if (name.isEmpty() || port < 1 || port > 65535 || pid < 1) {
                throw new IllegalArgumentException("empty name, or port or pid out of range");
            }
            return new Target(name, kind, port, pid);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad target '" + spec + "': expected name=parley|tyrus|node@port:pid ("
                    + e.getMessage() + ")");
        }
    }

    boolean isParley() {
        return kind == Kind.PARLEY;
    }

    /** An http or ws URI on this target; always 127.0.0.1. */
    URI uri(String scheme, String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + port + pathAndQuery);
    }
}
