package dev.parley.jakarta;

import dev.parley.core.Chat;
import dev.parley.jakarta.internal.rest.RestSingletons;

import java.util.Set;

/**
 * Parley's {@code /api} surface as plain JAX-RS 3.1 objects: resources, the bearer filter (as a
 * {@code DynamicFeature}) and the exception mappers that answer every failure with the contract's
 * {@code {"error","message"}} body. They need no CDI and no servlet.
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

    private ParleyRest() {
    }

    /** New resource, filter and mapper instances serving {@code chat}. */
    public static Set<Object> singletons(Chat chat) {
        return RestSingletons.create(chat);
    }
}
