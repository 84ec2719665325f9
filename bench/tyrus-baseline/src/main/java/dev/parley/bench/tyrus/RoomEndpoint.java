package dev.parley.bench.tyrus;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /room/{room}}: every text received goes to every client connected to the same room path,
 * the sender included. Tyrus has no broadcast to a subset of an endpoint's sessions, so this sends
 * to each member with {@code getAsyncRemote().sendText}: the plain way to do rooms on Tyrus, the
 * reference for the many-rooms scenario. Thread-safe: rooms are concurrent sets.
 */
@ServerEndpoint("/room/{room}")
public final class RoomEndpoint {
    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

    @OnOpen
    public void onOpen(Session session, @PathParam("room") String room) {
        ROOMS.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
    }

    @OnMessage
    public void onMessage(String text, @PathParam("room") String room) {
        Set<Session> members = ROOMS.get(room);
        if (members != null) {
            for (Session s : members) {
                s.getAsyncRemote().sendText(text);
            }
        }
    }

    @OnClose
    public void onClose(Session session, @PathParam("room") String room) {
        leave(session, room);
    }

    @OnError
    public void onError(Session session, Throwable error, @PathParam("room") String room) {
        leave(session, room);
    }

    private static void leave(Session session, String room) {
        Set<Session> members = ROOMS.get(room);
        if (members != null) {
            members.remove(session);
        }
    }
}
