package dev.parley.jakarta;

import dev.parley.core.Chat;
import dev.parley.jakarta.internal.edge.Origins;
import dev.parley.jakarta.internal.rest.RestSingletons;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Parley's {@code /api} surface as plain JAX-RS 3.1 objects: resources, the bearer filter (as a
 * {@code DynamicFeature}), the exception mappers that answer every failure with the contract's
 * {@code {"error","message"}} body, and the edge's filters: CORS for the allowed web origins
 * (none by default, so every preflight is refused) and a 413 for an upload whose
 * {@code Content-Length} is already over the engine's {@code maxUploadBytes}, before its body is
 * read. They need no CDI and no servlet.
 *
 * <p>Register them in a JAX-RS application whose path is {@value #APPLICATION_PATH}, for example
 * with Jersey: {@code new ResourceConfig().registerInstances(ParleyRest.singletons(chat))} under
 * {@code /api}, or from {@code Application.getSingletons()}. The upload endpoint reads
 * {@code multipart/form-data} through the standard {@code EntityPart}, which Jersey provides with
 * {@code jersey-media-multipart} (part of every full Jakarta EE server).
 *
 * <p>Threading: the objects are thread-safe singletons bound to one engine; build one set per
 * application. The long-polling {@code /events} endpoint suspends its request and resumes it from
 * the engine's thread, holding no container thread while it waits.
 */
public final class ParleyRest {
    /** The application path the resources' paths are relative to. */
    public static final String APPLICATION_PATH = "api";
    private static final String HOW_TO_ALLOW = "add %s to the allowed origins given to ParleyRest.singletons";

    private ParleyRest() {
    }

    /** New resource, filter and mapper instances serving {@code chat}, with CORS off. */
    public static Set<Object> singletons(Chat chat) {
        return singletons(chat, List.of());
    }

    /**
     * New resource, filter and mapper instances serving {@code chat}, answering CORS requests from
     * pages of {@code allowedOrigins}.
     *
     * @param allowedOrigins web origins such as {@code https://app.example.com} exactly as browsers
     *                       send them (lower case, no path), or {@code *} for any
     * @throws IllegalArgumentException naming an entry that is not an origin
     */
    public static Set<Object> singletons(Chat chat, Collection<String> allowedOrigins) {
        return RestSingletons.create(chat, Origins.of(allowedOrigins, HOW_TO_ALLOW));
    }
}
