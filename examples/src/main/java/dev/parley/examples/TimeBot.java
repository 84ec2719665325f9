package dev.parley.examples;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.client.ChatListener;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.Visibility;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A bot that answers {@code /time} in direct messages and in every room it is a member of,
 * including rooms someone adds it to while it runs.
 *
 * <p>Direct messages reach a client without subscribing; rooms must be subscribed, and nothing
 * tells a client that it was added to one. So the bot lists its rooms every few seconds and
 * subscribes to new ones from its own {@code USER_JOINED} note on: a {@code /time} sent before
 * the bot noticed the room is still answered.
 *
 * <pre>
 * java -cp 'examples/target/lib/*' dev.parley.examples.TimeBot [server-url]
 * </pre>
 * Settings as for {@link EchoBot}: {@code PARLEY_SERVER}, {@code PARLEY_USER} (default
 * {@code time-bot}), {@code PARLEY_PASSWORD}.
 */
public final class TimeBot implements ChatListener, AutoCloseable {
    private final String username;
    private final ChatClient client;
    private final Set<String> followed = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService rescans = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "time-bot-rooms");
        t.setDaemon(true);
        return t;
    });

    private TimeBot(URI server, String username, String password) {
        this.username = username;
        this.client = ChatClient.builder().server(server).credentials(username, password).listener(this).build();
    }

    /** Logs in (or registers), follows the rooms it is in, and looks for new ones every {@code rescan}. */
    public static TimeBot start(URI server, String username, String password, Duration rescan) {
        TimeBot bot = new TimeBot(server, username, password);
        try {
            try {
                bot.client.login();
            } catch (ChatClientException e) {
                if (e.code() != ErrorCode.UNAUTHORIZED) {
                    throw e;
                }
                bot.client.register(username, password);   // CONFLICT here: the account exists, wrong password
                bot.client.login();
            }
            bot.client.connect().join();
            for (RoomListing listed : bot.client.rooms()) {   // rooms it was already in: from now on
                if (isRoomOfMine(listed) && bot.followed.add(listed.room().id())) {
                    bot.client.subscribe(listed.room().id()).join();
                }
            }
            bot.rescans.scheduleWithFixedDelay(bot::followNewRooms, rescan.toMillis(), rescan.toMillis(), TimeUnit.MILLISECONDS);
            return bot;
        } catch (RuntimeException e) {
            bot.close();
            throw e;
        }
    }

    private static boolean isRoomOfMine(RoomListing listed) {
        return listed.member() && listed.room().visibility() != Visibility.DIRECT;
    }

    private void followNewRooms() {
        try {
            for (RoomListing listed : client.rooms()) {
                String room = listed.room().id();
                if (isRoomOfMine(listed) && followed.add(room)) {
                    client.subscribe(room, joinedAt(room)).exceptionally(e -> {
                        followed.remove(room);   // the next look tries again
                        return null;
                    });
                }
            }
        } catch (RuntimeException e) {   // a scheduled task that throws is never run again
            System.err.println("time bot: cannot list rooms: " + e.getMessage());
        }
    }

    /** The seq of the bot's own USER_JOINED note; 0 when it was a member from the room's start. */
    private long joinedAt(String room) {
        HistoryPage page = client.history(room, PageRequest.latest(PageRequest.MAX_LIMIT));
        List<Message> latest = page.messages();
        return latest.stream().filter(m -> m.kind() == MessageKind.USER_JOINED && m.from().equals(username))
                .mapToLong(Message::seq).max()
                // No note: made a member with the room. In a long history, answer only what comes next.
                .orElseGet(() -> page.hasMore() ? latest.get(latest.size() - 1).seq() : 0);
    }

    @Override
    public void onMessage(Message m) {
        if (m.from().equals(username) || !m.text().strip().equals("/time")) {
            return;
        }
        String answer = "The time is " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (m.kind() == MessageKind.PRIVATE) {
            client.sendDirect(m.from(), answer);
        } else if (m.kind() == MessageKind.CHAT) {
            client.send(m.room(), answer);
        }
    }

    @Override
    public void close() {
        rescans.shutdownNow();
        client.close();
    }

    public static void main(String[] args) throws InterruptedException {
        URI server = URI.create(args.length > 0 ? args[0] : env("PARLEY_SERVER", "http://127.0.0.1:8080"));
        TimeBot bot;
        try {
            bot = start(server, env("PARLEY_USER", "time-bot"), env("PARLEY_PASSWORD", "time-bot-password"), Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("time bot could not start: " + cause.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("answering /time on " + server + " (Ctrl-C stops)");
        Runtime.getRuntime().addShutdownHook(new Thread(bot::close));
        new CountDownLatch(1).await(); // the client's threads are daemons: keep the JVM alive
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
