package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.core.Health;
import dev.parley.core.protocol.ModelJson;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Objects;

/**
 * {@code /health}, open to anyone: 200 when the engine is UP, 503 with the same body (naming
 * what is down) when it is not, so a load balancer can use it as is.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final Chat chat;

    HealthResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @GET
    @Anonymous
    public Response health() {
        Health health = chat.health();
        return Responses.json(health.isUp() ? 200 : 503, ModelJson.health(health));
    }
}
