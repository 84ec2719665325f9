/**
 * Who is calling: the one place where the HTTP resources, the WebSocket endpoint and the
 * handshake filter turn a bearer token or the container's authenticated principal into a Parley
 * user, so that all three accept and refuse exactly the same credentials.
 */
package dev.parley.jakarta.internal.auth;
