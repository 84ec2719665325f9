package dev.parley.protocol;

import java.util.Map;

/**
 * The engine's health: {@code UP}, or {@code DEGRADED} with details naming what is down.
 *
 * @param status  {@code "UP"} or {@code "DEGRADED"}
 * @param details a short status per component, such as {@code "bus" -> "down: connection refused"}
 */
public record Health(String status, Map<String, String> details) {
    public Health {
        details = Map.copyOf(details);
    }

    /** Whether everything is up. */
    public boolean isUp() {
        return "UP".equals(status);
    }
}
