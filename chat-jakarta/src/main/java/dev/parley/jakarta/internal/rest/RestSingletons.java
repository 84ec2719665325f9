package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.jakarta.internal.edge.CorsFilter;
import dev.parley.jakarta.internal.edge.Origins;
import dev.parley.jakarta.internal.edge.UploadLimitFilter;

import java.util.Set;

/** Builds the resource, filter and mapper instances of the {@code /api} surface for one engine. */
public final class RestSingletons {
    private RestSingletons() {
    }

    /**
     * New instances bound to {@code chat}, with the edge's CORS filter for {@code origins} and the
     * early upload limit of the engine's {@code maxUploadBytes}; see
     * {@link dev.parley.jakarta.ParleyRest#singletons}.
     */
    public static Set<Object> create(Chat chat, Origins origins) {
        return Set.of(
                new CorsFilter(origins),
                new UploadLimitFilter(chat.config().maxUploadBytes()),
                new AuthFeature(chat),
                new ErrorMappers.ChatExceptionMapper(),
                new ErrorMappers.WebApplicationExceptionMapper(),
                new ErrorMappers.UnexpectedExceptionMapper(),
                new AuthResource(chat),
                new MeResource(chat),
                new UserResource(chat),
                new RoomResource(chat),
                new MessageResource(chat),
                new MemberResource(chat),
                new BanResource(chat),
                new MuteResource(chat),
                new FileResource(chat),
                new DirectResource(chat),
                new AnnouncementResource(chat),
                new EventsResource(chat),
                new HealthResource(chat),
                new ConfigResource(chat),
                new OpenApiResource(),
                new SearchResource(chat));
    }
}
