package dev.parley.examples;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.client.ChatListener;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.Visibility;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * A bot on the Java SDK: it logs in (registering its account the first time), joins a room and
 * answers every chat message someone else writes there with {@code "alice said: hi"}.
 *
 * <pre>
 * java -cp 'examples/target/lib/*' dev.parley.examples.EchoBot [server-url] [room]
 * </pre>
 * The server defaults to {@code PARLEY_SERVER} or {@code http://127.0.0.1:8080}, the room to
 * {@code PARLEY_ROOM} or {@code general}; {@code PARLEY_USER} and {@code PARLEY_PASSWORD} name the
 * bot's account (default {@code echo-bot}).
 */
public final class EchoBot implements ChatListener, AutoCloseable {
    private final String username;
    private final ChatClient client;

    private EchoBot(URI server, String username, String password) {
        this.username = username;
        // Callbacks run one at a time on the client's own thread, so onMessage needs no locking.
        this.client = ChatClient.builder().server(server).credentials(username, password).listener(this).build();
    }

    /** Logs in (or registers), joins {@code room} (creating it if missing) and starts echoing. */
    public static EchoBot start(URI server, String username, String password, String room) {
        EchoBot bot = new EchoBot(server, username, password);
        try {
            logInOrRegister(bot.client, username, password);
            try {
                bot.client.join(room);
            } catch (ChatClientException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                bot.client.createRoom(room, Visibility.PUBLIC);
            }
            bot.client.connect().join();
            bot.client.subscribe(room).join();
            return bot;
        } catch (RuntimeException e) {
            bot.close();
            throw e;
        }
    }

    private static void logInOrRegister(ChatClient client, String username, String password) {
        try {
            client.login();
        } catch (ChatClientException e) {
            if (e.code() != ErrorCode.UNAUTHORIZED) {
                throw e;
            }
            try {
                client.register(username, password);
            } catch (ChatClientException taken) {
                if (taken.code() == ErrorCode.CONFLICT) {
                    throw new IllegalStateException("user " + username + " exists and the password is wrong", taken);
                }
                throw taken;
            }
            client.login();
        }
    }

    @Override
    public void onMessage(Message m) {
        // The server echoes our own sends back to us: answering those would loop forever.
        if (m.kind() == MessageKind.CHAT && !m.from().equals(username)) {
            client.send(m.room(), m.from() + " said: " + m.text());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    public static void main(String[] args) throws InterruptedException {
        URI server = URI.create(args.length > 0 ? args[0] : env("PARLEY_SERVER", "http://127.0.0.1:8080"));
        String room = args.length > 1 ? args[1] : env("PARLEY_ROOM", "general");
        EchoBot bot;
        try {
            bot = start(server, env("PARLEY_USER", "echo-bot"), env("PARLEY_PASSWORD", "echo-bot-password"), room);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("echo bot could not start: " + cause.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("echoing in #" + room + " on " + server + " (Ctrl-C stops)");
        Runtime.getRuntime().addShutdownHook(new Thread(bot::close));
        new CountDownLatch(1).await(); // the client's threads are daemons: keep the JVM alive
    }

    private static String env(String name, String fallback) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).orElse(fallback);
    }
}
