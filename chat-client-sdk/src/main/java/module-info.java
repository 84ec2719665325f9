/**
 * The Java SDK: {@code dev.parley.client} ({@code ChatClient} and its listener and values) on
 * the JDK's HTTP and WebSocket client, with the protocol module and nothing of the server.
 * The terminal client needs picocli and JLine, optional dependencies: a bot using only the SDK
 * does not carry them.
 */
module dev.parley.client {
    requires transitive dev.parley.protocol;
    requires transitive java.net.http;
    requires jakarta.json;
    requires static info.picocli;
    requires static org.jline;

    exports dev.parley.client;
    opens dev.parley.client.terminal to info.picocli;
}
