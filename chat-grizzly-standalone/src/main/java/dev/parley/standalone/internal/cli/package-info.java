/**
 * The {@code chat-server.jar} command line: picocli options with environment variables as
 * defaults, one-line refusals with exit status 2, the start-up line, a shutdown hook that closes
 * the server, and the process's one-line logging. A thin layer: everything it starts is
 * {@link dev.parley.standalone.StandaloneServer}.
 */
package dev.parley.standalone.internal.cli;
