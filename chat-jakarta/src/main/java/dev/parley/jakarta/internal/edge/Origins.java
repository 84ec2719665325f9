package dev.parley.jakarta.internal.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which web origins may use Parley from their pages: the CORS allow-list of {@code /api} and the
 * origin check of the {@code /ws} handshake, the same in a servlet container and in the
 * standalone server. Immutable and thread-safe.
 *
 * <p>A page of Parley's own origin is always allowed: browsers send an {@code Origin} header on
 * same-origin WebSocket handshakes and POSTs too, so the check compares it with the scheme the
 * request came over and its {@code Host} header (forwarding headers such as
 * {@code X-Forwarded-Host} are not read; a container that honours them reports the scheme through
 * {@code isSecure}). Any other origin must be listed, or the list must hold {@code *}. A request
 * without {@code Origin} comes from a client that is not a browser page, which no origin policy
 * binds, and is allowed.
 *
 * <p>Why the WebSocket check matters: a browser attaches the container's session cookie (or
 * cached Basic credentials) to a handshake that a page of any site opens, so without it a foreign
 * page could act as the logged-in user (cross-site WebSocket hijacking). CORS does not cover
 * WebSockets.
 */
public final class Origins {
    private final Set<String> allowed;
    private final boolean any;
    private final String howToAllow;

    private Origins(Set<String> allowed, String howToAllow) {
        this.allowed = allowed;
        this.any = allowed.contains("*");
        this.howToAllow = howToAllow;
    }

    /**
     * The policy that allows Parley's own origin and {@code allowed}.
     *
     * @param allowed    origins such as {@code https://app.example.com}, or {@code *} for any
     * @param howToAllow how an operator allows another origin, named in refusals: a sentence
     *                   whose {@code %s} stands for the refused origin, such as
     *                   {@code "start the server with --cors-origin %s"}
     * @throws IllegalArgumentException naming an entry that is not an origin (see {@link #problem})
     */
    public static Origins of(Collection<String> allowed, String howToAllow) {
        Objects.requireNonNull(howToAllow, "howToAllow");
        for (String origin : allowed) {
            problem(Objects.requireNonNull(origin, "allowed origins contain null")).ifPresent(p -> {
                throw new IllegalArgumentException("bad origin '" + origin + "' (" + p + ")");
            });
        }
        return new Origins(Set.copyOf(allowed), howToAllow);
    }

    /** The policy that allows Parley's own origin only. */
    public static Origins sameOriginOnly(String howToAllow) {
        return of(Set.of(), howToAllow);
    }

    /**
     * What is wrong with {@code origin} as an entry of the list, if anything: it must be
     * {@code scheme://host[:port]} exactly as browsers send it in the {@code Origin} header (lower
     * case, no path, no trailing slash), or {@code *}.
     *
     * @return a reason that ends with an example of a good value; empty for a good value
     */
    public static Optional<String> problem(String origin) {
        if (origin.equals("*")) {
            return Optional.empty();
        }
        String problem = null;
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                problem = "it needs a scheme and a host";
            } else if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                problem = "an origin has no path, query, fragment or user";
            } else if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
                problem = "browsers send origins in lower case";
            }
        } catch (URISyntaxException e) {
            problem = e.getReason();
        }
        return Optional.ofNullable(problem).map(p -> p + "; expected e.g. https://app.example.com or http://localhost:3000");
    }

    /** Whether a page from {@code origin} may read REST responses (CORS); Parley's own pages need no CORS. */
    public boolean allowsCors(String origin) {
        return any || allowed.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a WebSocket handshake may proceed.
     *
     * @param origin the handshake's {@code Origin} header, if any
     * @param host   its {@code Host} header, if any
     * @param secure whether it came over TLS
     */
    public boolean allowsWebSocket(Optional<String> origin, Optional<String> host, boolean secure) {
        return origin.isEmpty() || host.isPresent() && sameOrigin(origin.get(), host.get(), secure) || allowsCors(origin.get());
    }

    /** The sentence a refusal of {@code origin} ends with, saying how to allow it. */
    String howToAllow(String origin) {
        return howToAllow.replace("%s", origin);
    }

    /**
     * Whether {@code origin} names the scheme, host and port the request was sent to. Ports are
     * compared with the scheme's default filled in, as browsers leave it out of {@code Origin}
     * while some clients put it in {@code Host}.
     */
    static boolean sameOrigin(String origin, String host, boolean secure) {
        String scheme = secure ? "https" : "http";
        try {
            URI page = new URI(origin.trim());
            URI self = new URI(scheme + "://" + host.trim());
            return scheme.equalsIgnoreCase(page.getScheme()) && page.getHost() != null && self.getHost() != null
                    && page.getRawPath().isEmpty() && self.getRawPath().isEmpty()
                    && page.getRawUserInfo() == null && self.getRawUserInfo() == null
                    && page.getHost().equalsIgnoreCase(self.getHost())
                    && port(page, scheme) == port(self, scheme);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI uri, String scheme) {
        return uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    }

    @Override
    public String toString() {
        return "Origins" + allowed;
    }
}
