package dev.parley.client.internal;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servers a client may use (the nodes of one cluster, or one server) and the one in use.
 * Everything goes to {@link #current()}; whoever finds it unreachable calls {@link #failed(URI)},
 * which moves everyone to the next server in list order (wrapping around). A failure reported for
 * a server that is no longer current changes nothing, so that the REST side and the live connection
 * finding the same dead node move once, not twice. Thread-safe.
 */
final class Endpoints {
    private final List<URI> servers;
    private final AtomicInteger index = new AtomicInteger();

    /** @param servers at least one base URL, already validated */
    Endpoints(List<URI> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one server URL is required");
        }
        this.servers = List.copyOf(servers);
    }

    /** The server in use. */
    URI current() {
        return servers.get(Math.floorMod(index.get(), servers.size()));
    }

    /** How many servers there are. */
    int size() {
        return servers.size();
    }

    /** {@code server} could not be reached or dropped the connection: move to the next one if it is still current. */
    void failed(URI server) {
        int i = index.get();
        if (servers.size() > 1 && servers.get(Math.floorMod(i, servers.size())).equals(server)) {
            index.compareAndSet(i, i + 1);
        }
    }

    /** The base URL as a string without a trailing slash, so that paths can be appended. */
    static String base(URI server) {
        String s = server.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The {@code /ws} endpoint of a server: ws:// for http, wss:// for https. */
    static URI webSocketUri(URI server) {
        String base = base(server);
        String ws = base.regionMatches(true, 0, "https:", 0, 6) ? "wss:" + base.substring(6) : "ws:" + base.substring(5);
        return URI.create(ws + "/ws");
    }
}
