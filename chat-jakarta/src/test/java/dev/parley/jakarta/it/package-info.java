/**
 * In-container tests: chat-jakarta deployed as a library of a WAR on embedded GlassFish 7 and
 * driven from outside over real HTTP and a real WebSocket, as any client of the contract would.
 */
package dev.parley.jakarta.it;
