package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.protocol.Health;
import dev.parley.protocol.internal.ModelJson;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Objects;

/**
 * {@code /health}, open to anyone: 200 with {@code {"status":"UP"}}, or with {@code "DEGRADED"} and
 * details when a part such as the cluster bus is down but this node still serves its own clients
 * (a load balancer must keep sending them here). Only a node that cannot serve at all would answer 503.
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
        return Responses.json("DOWN".equals(health.status()) ? 503 : 200, ModelJson.health(health));
    }
}
