package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.protocol.ClientRules;
import dev.parley.protocol.internal.ModelJson;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Objects;

/**
 * {@code /config}, open to anyone: the input rules and limits a client checks before it sends
 * ({@link ClientRules}), so the web page takes them from the server instead of copying them.
 */
@Path("config")
@Produces(MediaType.APPLICATION_JSON)
public final class ConfigResource {
    private final Chat chat;

    ConfigResource(Chat chat) {
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    @GET
    @Anonymous
    public Response config() {
        ChatConfig c = chat.config();
        return Responses.json(200, ModelJson.clientRules(ClientRules.of(c.maxTextLength(), c.maxUploadBytes())));
    }
}
