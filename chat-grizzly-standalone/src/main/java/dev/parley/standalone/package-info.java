/**
 * Parley's standalone server, to run ({@code java -jar chat-server.jar}, see {@link
 * dev.parley.standalone.Main}) or to embed: build a {@link dev.parley.standalone.StandaloneConfig},
 * then {@link dev.parley.standalone.StandaloneServer#create create} and
 * {@link dev.parley.standalone.StandaloneServer#start start} a server. It serves chat-jakarta's
 * REST and WebSocket endpoints and the web page on one port, over an embedded H2 database, a
 * database given by JDBC URL, or memory.
 */
package dev.parley.standalone;
