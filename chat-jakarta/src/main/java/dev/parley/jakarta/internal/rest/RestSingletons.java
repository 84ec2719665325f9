package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;

import java.util.Set;

/** Builds the resource, filter and mapper instances of the {@code /api} surface for one engine. */
public final class RestSingletons {
    private RestSingletons() {
    }

    /** New instances bound to {@code chat}; see {@link dev.parley.jakarta.ParleyRest#singletons}. */
    public static Set<Object> create(Chat chat) {
        return Set.of(
                new AuthFeature(chat),
                new ErrorMappers.ChatExceptionMapper(),
                new ErrorMappers.WebApplicationExceptionMapper(),
                new ErrorMappers.UnexpectedExceptionMapper(),
                new AuthResource(chat),
                new MeResource(),
                new UserResource(chat),
                new RoomResource(chat),
                new FileResource(chat),
                new DirectResource(chat),
                new AnnouncementResource(chat),
                new EventsResource(chat),
                new HealthResource(chat),
                new ConfigResource(chat),
                new OpenApiResource());
    }
}
