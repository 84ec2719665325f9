package dev.parley.examples;

import dev.parley.client.Ack;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatListener;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.standalone.StandaloneConfig;
import dev.parley.standalone.StandaloneServer;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The standalone server started from code (a free port, everything in memory) and two SDK
 * clients talking through it over real HTTP and a real WebSocket; then everything stops.
 *
 * <pre>
 * java -cp 'examples/target/lib/*' dev.parley.examples.StandaloneWithSdk
 * </pre>
 */
public final class StandaloneWithSdk {
    /** Held so that the level set on it stays (the log manager keeps loggers weakly). */
    private static final Logger GLASSFISH = Logger.getLogger("org.glassfish");

    public static void main(String[] args) throws Exception {
        GLASSFISH.setLevel(Level.SEVERE);   // Jersey's and Grizzly's start-up notes would drown this demo's story
        run(System.out);
    }

    static void run(PrintStream out) throws Exception {
        StandaloneConfig config = StandaloneConfig.builder().host("127.0.0.1").port(0).inMemory().build();
        try (StandaloneServer server = StandaloneServer.create(config).start()) {
            out.println("server listening on " + server.url());

            CompletableFuture<Message> bobGot = new CompletableFuture<>();
            ChatListener bobListener = new ChatListener() {
                @Override
                public void onMessage(Message m) {    // runs on bob's callback thread
                    if (m.kind() == MessageKind.CHAT && m.from().equals("alice")) {
                        bobGot.complete(m);
                    }
                }
            };
            try (ChatClient alice = client(server, "alice", "alice-password", new ChatListener() { });
                 ChatClient bob = client(server, "bob", "bob-password", bobListener)) {
                alice.register("alice", "alice-password");
                bob.register("bob", "bob-password");
                bob.join("general");                  // the public room every server starts with
                alice.join("general");
                bob.connect().join();                 // logs in, opens the WebSocket, waits for "welcome"
                bob.subscribe("general").join();
                alice.connect().join();

                Ack ack = alice.send("general", "Hello, Bob!").join();    // completes once stored
                out.println("alice's message stored as seq " + ack.seq().getAsLong());
                Message received = bobGot.get(10, TimeUnit.SECONDS);
                out.println("bob received #" + received.seq() + " from " + received.from() + ": " + received.text());

                out.println("history of #general:");
                for (Message m : bob.history("general", PageRequest.latest(20)).messages()) {
                    out.println("  " + m.seq() + " " + m.kind() + " " + m.from() + ": " + m.text());
                }
            }
        }
        out.println("server stopped");
    }

    private static ChatClient client(StandaloneServer server, String user, String password, ChatListener listener) {
        return ChatClient.builder().server(server.url()).credentials(user, password).listener(listener).build();
    }

    private StandaloneWithSdk() {
    }
}
