package dev.parley.standalone.internal.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which web origins may use the server from their pages: the CORS allow-list for the REST API
 * and the origin check of the WebSocket handshake. Immutable and thread-safe.
 *
 * <p>The server's own pages are always allowed: browsers send an {@code Origin} header on
 * same-origin WebSocket handshakes and POSTs too, so the check compares it with the request's
 * {@code Host}. A request without {@code Origin} comes from a non-browser client, which no
 * origin policy can bind, and is allowed.
 */
public final class Origins {
    private final Set<String> allowed;
    private final boolean any;

    public Origins(List<String> allowed) {
        this.allowed = Set.copyOf(allowed);
        this.any = this.allowed.contains("*");
    }

    /** Whether a page from {@code origin} may read REST responses (CORS). */
    public boolean allowsCors(String origin) {
        return any || allowed.contains(origin.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a WebSocket handshake may proceed.
     *
     * @param origin the handshake's {@code Origin} header, if any
     * @param host   its {@code Host} header, if any
     * @param secure whether it came over TLS
     */
    public boolean allowsWebSocket(Optional<String> origin, Optional<String> host, boolean secure) {
        if (origin.isEmpty()) {
            return true;
        }
        String o = origin.get().trim().toLowerCase(Locale.ROOT);
        if (host.isPresent() && o.equals((secure ? "https://" : "http://") + host.get().trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return allowsCors(o);
    }
}
