package dev.parley.client.terminal;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.client.ReconnectPolicy;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.RoomListing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code chat-client connect}: log in, join a room, then chat from the terminal or a pipe. */
@Command(name = "connect", mixinStandardHelpOptions = true, version = "Parley terminal client 0.1.0",
        description = {
            "Log in, join a room and chat.",
            "",
            "Prints the room's messages. Each line read is sent to the current room; lines starting "
                    + "with / are commands (/help lists them). With piped input the client exits at the end "
                    + "of input once every message is acknowledged (exit 1 if some were not).",
            ""},
        footer = {"", "The password comes from --password, else the PARLEY_PASSWORD environment variable, "
                + "else a prompt on the console. Exit codes: 0 done, 1 failure, 2 usage error."})
final class ConnectCommand implements Callable<Integer> {
    private static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    private final Main.Terminal terminal;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", split = ",",
            description = "Server base URL (default: " + DEFAULT_SERVER + "). Repeat it, or separate URLs with commas, "
                    + "to give several nodes of one cluster: the client uses the first and moves to the next when "
                    + "its node dies.")
    private List<String> servers;

    @Option(names = "--host", description = "Server host, instead of --server (default 127.0.0.1).")
    private String host;

    @Option(names = "--port", description = "Server port, instead of --server (default 8080).")
    private Integer port;

    @Option(names = {"-u", "--user"}, required = true, description = "Username.")
    private String user;

    @Option(names = {"-p", "--password"}, description = "Password (prefer PARLEY_PASSWORD or the prompt: "
            + "a command line is visible to other local users).")
    private String password;

    @Option(names = {"-r", "--room"}, defaultValue = "general", description = "Room to talk in (default: ${DEFAULT-VALUE}).")
    private String room;

    @Option(names = "--register", description = "Create the account first (an existing one is fine).")
    private boolean register;

    @Option(names = "--ack-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "At the end of input, how long to wait for the server to acknowledge the sends "
                    + "(default: ${DEFAULT-VALUE}).")
    private int ackTimeoutSeconds;

    @Option(names = "--history", paramLabel = "N", defaultValue = "20",
            description = "On connecting, print the room's last N messages, in their current state, before the live "
                    + "ones; 0 to skip (default: ${DEFAULT-VALUE}, at most " + PageRequest.MAX_LIMIT + ").")
    private int history;

    ConnectCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<URI> urls = serverUrls();
        if (history < 0 || history > PageRequest.MAX_LIMIT) {
            throw usage("--history must be between 0 and " + PageRequest.MAX_LIMIT + ", got " + history);
        }
        if (ackTimeoutSeconds < 1) {
            throw usage("--ack-timeout must be at least 1 second, got " + ackTimeoutSeconds);
        }
        String pw = password();
        Printer printer = new Printer(terminal.out(), terminal.err(), user, terminal.colour());
        // The printer's own thread, so that at the end of input everything received can be printed
        // before the client exits (see Repl#finish).
        ExecutorService printing = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chat-client-printer");
            t.setDaemon(true);
            return t;
        });
        try (ChatClient client = ChatClient.builder()
                .servers(urls)
                .credentials(user, pw)
                .reconnect(ReconnectPolicy.defaults())
                .listener(printer)
                .callbackExecutor(printing)
                .build()) {
            return start(client, urls, printer, printing);
        } finally {
            printing.shutdown();
        }
    }

    private int start(ChatClient client, List<URI> urls, Printer printer, ExecutorService printing) {
        try (ReadMarks marks = new ReadMarks(client, room, printer::problem)) {
            // The current room is marked read as its entries are printed, history included.
            printer.onPrinted(marks::printed);
            return start(client, urls, printer, printing, marks);
        }
    }

    private int start(ChatClient client, List<URI> urls, Printer printer, ExecutorService printing, ReadMarks marks) {
        String url = urls.size() == 1 ? urls.get(0).toString() : urls.toString();
        try {
            if (register) {
                try {
                    client.register(user, password());
                } catch (ChatClientException e) {
                    if (e.code() != ErrorCode.CONFLICT) {
                        return fail("cannot register " + user + ": " + e.getMessage());
                    }
                }
            }
            client.login();
            Optional<RoomListing> listing = client.rooms().stream().filter(l -> l.room().id().equals(room)).findFirst();
            if (listing.isEmpty() || !listing.get().member()) {
                client.join(room);
            }
            // Display names first, so that the history below shows them.
            printer.names().learn(client.members(room));
            client.connect().get(30, TimeUnit.SECONDS);
            if (history == 0) {
                client.subscribe(room).get(30, TimeUnit.SECONDS);
            } else {
                // The recent history first, then the subscription from its last seq: the live messages
                // start right after it, with nothing printed twice and nothing posted meanwhile lost.
                List<Message> recent = recent(client);
                recent.forEach(printer::show);
                long last = recent.isEmpty() ? 0 : recent.get(recent.size() - 1).seq();
                client.subscribe(room, last).get(30, TimeUnit.SECONDS);
            }
        } catch (ChatClientException e) {
            return fail(e.getMessage());
        } catch (ExecutionException e) {
            return fail(e.getCause().getMessage());
        } catch (TimeoutException e) {
            return fail("no answer from " + url + " within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
        printer.note("connected to " + url + " as " + user + ", talking in #" + room + " (/help for commands)");
        // A task queued on the printer's thread runs after every callback queued before it.
        Runnable flush = () -> {
            try {
                printing.submit(() -> { }).get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
                // Nothing more to print in time: exit anyway.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return new Repl(client, printer, terminal.in(), room, Duration.ofSeconds(ackTimeoutSeconds), flush, marks).run();
    }

    /**
     * The room's last {@code history} messages and the lifecycle entries among them, ascending by seq.
     * Edits, deletions and reactions are entries of their own in a page, so older pages are read
     * (a few at most) until the page holds enough messages to show.
     */
    private List<Message> recent(ChatClient client) {
        HistoryPage page = client.history(room, PageRequest.latest(history));
        List<Message> recent = new ArrayList<>(page.messages());
        for (int pages = 1; page.hasMore() && !recent.isEmpty() && pages < 5; pages++) {
            long shown = recent.stream().filter(m -> !m.kind().isLifecycle()).count();
            if (shown >= history) {
                break;
            }
            page = client.history(room, PageRequest.before(recent.get(0).seq(), history));
            recent.addAll(0, page.messages());
        }
        // Only the last N messages, and the lifecycle entries after the first of them.
        int keep = 0;
        int from = 0;
        for (int i = recent.size() - 1; i >= 0 && keep < history; i--) {
            if (!recent.get(i).kind().isLifecycle()) {
                keep++;
                from = i;
            }
        }
        return keep == 0 ? recent : recent.subList(from, recent.size());
    }

    private List<URI> serverUrls() {
        if (servers != null && (host != null || port != null)) {
            throw usage("give either --server or --host/--port, not both");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw usage("--port must be between 1 and 65535, got " + port);
        }
        List<String> texts = servers != null
                ? servers.stream().map(String::trim).filter(t -> !t.isEmpty()).toList()
                : List.of("http://" + (host != null ? host : "127.0.0.1") + ":" + (port != null ? port : 8080));
        if (texts.isEmpty()) {
            throw usage("--server needs a URL, e.g. " + DEFAULT_SERVER);
        }
        List<URI> urls = new ArrayList<>();
        for (String text : texts) {
            URI u;
            try {
                u = new URI(text);
            } catch (URISyntaxException e) {
                throw usage("invalid server URL '" + text + "': " + e.getReason());
            }
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw usage("--server must be an http:// or https:// URL with a host, got '" + text + "'");
            }
            if (urls.contains(u)) {
                throw usage("--server " + text + " is given twice");
            }
            urls.add(u);
        }
        return urls;
    }

    private String password() {
        if (password != null) {
            return password;
        }
        String env = terminal.env().get("PARLEY_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        Optional<char[]> typed = terminal.prompt().read("Password for " + user + ": ");
        if (typed.isEmpty()) {
            throw usage("no password: pass --password or set PARLEY_PASSWORD (there is no console to ask on)");
        }
        password = new String(typed.get());
        return password;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private int fail(String message) {
        terminal.err().println("chat-client: " + message);
        return 1;
    }
}
