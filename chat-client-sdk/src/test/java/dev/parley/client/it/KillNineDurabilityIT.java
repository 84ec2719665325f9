package dev.parley.client.it;

import dev.parley.client.ChatClient;
import dev.parley.protocol.FileInfo;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Visibility;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An ack means durable: {@code chat-server.jar} is killed with {@code kill -9} while many senders
 * pipeline messages and an upload is half sent, started again on the same data directory, and every
 * acknowledged message must be in the room's history, with {@code seq} gap-free, every shared file
 * whole and no half file left in the files directory.
 *
 * <p>Each round uses a fresh room on the same data directory, so later rounds also check that the
 * earlier rounds' messages survived the later kills. Rounds: system property
 * {@code parley.crash.rounds} (default 2; the figures were taken with 5). Each round prints
 * one line {@code kill -9 round N (store): acked A, missing M, ...} for the record.
 *
 * <p>The embedded H2 test always runs; the PostgreSQL one needs {@code PARLEY_TEST_POSTGRES_URL}.
 */
class KillNineDurabilityIT {
    private static final int USERS = 16;
    /** Within the default send burst (200 per user), so that no send is refused for the rate. */
    private static final int SENDS_PER_USER = 190;
    private static final int IN_FLIGHT = 16;
    /** The kill comes once this many acks have arrived, while the senders still have more in flight. */
    private static final int KILL_AFTER_ACKS = 1_500;
    private static final int UPLOADED_BYTES = 96 * 1024;
    private static final int STUCK_UPLOAD_SENT = 512 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ROUNDS = Integer.getInteger("parley.crash.rounds", 2);

    @TempDir
    Path dir;

    @Test
    void embeddedH2KeepsEveryAcknowledgedMessageAndFileAcrossKillNine() throws Exception {
        rounds("embedded H2", List.of());
    }

    @Test
    void postgresqlKeepsEveryAcknowledgedMessageAndFileAcrossKillNine() throws Exception {
        String postgres = ClusterNodes.postgres();
        String schema = ClusterNodes.freshName("crash_");
        String url = ClusterNodes.createSchema(postgres, schema);
        try {
            rounds("PostgreSQL", List.of("--db-url", url));
        } finally {
            ClusterNodes.dropSchema(postgres, schema);
        }
    }

    private void rounds(String store, List<String> args) throws Exception {
        Map<String, Set<String>> ackedByRoom = new HashMap<>();
        Map<String, byte[]> uploaded = new HashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String room = "crash-" + round;
            RoundResult result;
            try (ClusterNodes.Node node = ClusterNodes.Node.start(1, dir, args)) {
                result = sendUploadAndKill(node, round, room);
            }
            ackedByRoom.put(room, result.acked());
            uploaded.putAll(result.uploaded());
            try (ClusterNodes.Node node = ClusterNodes.Node.start(1, dir, args)) {
                verify(node, store, round, ackedByRoom, uploaded, result);
            }
        }
    }

    private record RoundResult(Set<String> acked, Map<String, byte[]> uploaded, int sent, boolean partialSeen) {
    }

    /** Logs everyone in, shares two files, starts one upload that never finishes, pipelines sends and kills the node. */
    private RoundResult sendUploadAndKill(ClusterNodes.Node node, int round, String room) throws Exception {
        List<ChatClient> clients = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> enoughAcks = new CompletableFuture<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        HoldingStream stuck = new HoldingStream(STUCK_UPLOAD_SENT);
        Thread stuckUpload = null;
        List<Thread> senders = new ArrayList<>();
        try {
            for (int u = 0; u < USERS; u++) {
                ChatClient c = ChatClient.builder().server(node.url).credentials(user(u), TestServer.PASSWORD).build();
                clients.add(c);
                if (round == 1) {
                    c.register(user(u), TestServer.PASSWORD);
                }
                c.login();
            }
            clients.get(0).createRoom(room, Visibility.PUBLIC);
            for (int u = 1; u < USERS; u++) {
                clients.get(u).join(room);
            }
            Map<String, byte[]> uploaded = new HashMap<>();
            Random random = new Random(round);
            for (int f = 0; f < 2; f++) {
                byte[] bytes = new byte[UPLOADED_BYTES];
                random.nextBytes(bytes);
                String id = clients.get(0).upload(room, new ByteArrayInputStream(bytes), "f" + f + ".bin",
                        "application/octet-stream").file().id();
                uploaded.put(id, bytes);
            }

            ChatClient uploader = clients.get(1);
            stuckUpload = new Thread(() -> {
                try {
                    uploader.upload(room, stuck, "never-finished.bin", "application/octet-stream");
                    stuck.answered.set(true);
                } catch (RuntimeException expected) {
                    // the node was killed under it, or the test ended the body: it must fail
                }
            }, "stuck-upload");
            stuckUpload.start();
            assertTrue(stuck.blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the half upload never got going");

            HttpClient http = HttpClient.newHttpClient();
            for (int u = 0; u < USERS; u++) {
                Semaphore window = new Semaphore(IN_FLIGHT);
                AckCounter listener = new AckCounter(acked, window, enoughAcks);
                String token = clients.get(u).token().orElseThrow();
                URI ws = URI.create(node.url.replaceFirst("^http", "ws") + "/ws?token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8));
                WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                sockets.add(socket);
                String prefix = "r" + round + "-u" + u + "-";
                Thread sender = new Thread(() -> pipeline(socket, window, room, prefix, stop, sent), "sender-" + u);
                senders.add(sender);
            }
            senders.forEach(Thread::start);
            try {
                enoughAcks.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("only " + acked.size() + " acks within " + WAIT + ": " + node.log());
            }
            boolean partialSeen = !halfUploads(node).isEmpty();
            node.kill();
            Set<String> snapshot = Set.copyOf(acked);
            stop.set(true);
            return new RoundResult(snapshot, uploaded, (int) sent.get(), partialSeen);
        } finally {
            stop.set(true);
            stuck.release();
            sockets.forEach(WebSocket::abort);
            for (Thread t : senders) {
                t.join(WAIT.toMillis());
            }
            if (stuckUpload != null) {
                stuckUpload.join(WAIT.toMillis());
                assertFalse(stuck.answered.get(), "an upload whose body never ended was answered with success");
            }
            clients.forEach(ChatClient::close);
        }
    }

    /** Sends up to {@link #SENDS_PER_USER} messages with at most {@link #IN_FLIGHT} unacknowledged. */
    private static void pipeline(WebSocket socket, Semaphore window, String room, String prefix,
                                 AtomicBoolean stop, AtomicLong sent) {
        try {
            for (int n = 0; n < SENDS_PER_USER && !stop.get(); n++) {
                while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (stop.get()) {
                        return;
                    }
                }
                String frame = Json.createObjectBuilder().add("type", "send").add("room", room)
                        .add("text", "durable " + prefix + n).add("clientMsgId", prefix + n).build().toString();
                socket.sendText(frame, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                sent.incrementAndGet();
            }
        } catch (Exception e) {
            if (!stop.get()) {
                throw new IllegalStateException("a sender failed before the kill", e);
            }
        }
    }

    /** After the restart: every ack is in the history once, seq has no gap, every shared file is whole. */
    private static void verify(ClusterNodes.Node node, String store, int round, Map<String, Set<String>> ackedByRoom,
                               Map<String, byte[]> uploaded, RoundResult result) throws IOException {
        try (ChatClient reader = ChatClient.builder().server(node.url).credentials(user(0), TestServer.PASSWORD).build()) {
            reader.login();
            Set<String> fileIds = new HashSet<>();
            int missingNow = 0;
            int chatNow = 0;
            for (Map.Entry<String, Set<String>> e : ackedByRoom.entrySet()) {
                List<Message> history = history(reader, e.getKey());
                for (int i = 0; i < history.size(); i++) {
                    assertEquals(i + 1, history.get(i).seq(), "seq gap in " + e.getKey() + " after round " + round);
                }
                List<String> stored = history.stream().filter(m -> m.kind() == MessageKind.CHAT)
                        .flatMap(m -> m.clientMsgId().stream()).toList();
                assertEquals(stored.size(), new HashSet<>(stored).size(), "a clientMsgId stored twice in " + e.getKey());
                Set<String> missing = new HashSet<>(e.getValue());
                missing.removeAll(stored);
                if (e.getKey().equals("crash-" + round)) {
                    missingNow = missing.size();
                    chatNow = stored.size();
                }
                assertTrue(missing.isEmpty(), store + ", round " + round + ": " + missing.size() + " of "
                        + e.getValue().size() + " acknowledged messages of " + e.getKey()
                        + " are missing after kill -9, e.g. " + missing.stream().sorted().limit(5).toList());
                for (Message m : history) {
                    m.file().map(FileInfo::id).ifPresent(fileIds::add);
                }
            }
            for (String id : fileIds) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                FileInfo info = reader.download(id, bytes);
                assertEquals(info.size(), bytes.size(), "file " + id + " is not whole after kill -9");
                if (uploaded.containsKey(id)) {
                    assertArrayEquals(uploaded.get(id), bytes.toByteArray(), "file " + id + " changed after kill -9");
                }
            }
            assertTrue(fileIds.containsAll(uploaded.keySet()), "an acknowledged upload is missing after kill -9");
            Path files = node.dataDir.resolve("files");
            Set<String> kept = filesIn(files, name -> true).stream().map(p -> files.relativize(p).toString())
                    .collect(Collectors.toSet());
            assertEquals(fileIds, kept, "the files directory must hold exactly the shared files: "
                    + "no half upload, no file without its message");
            assertEquals(List.of(), halfUploads(node), "a half upload is left after the restart");
            assertTrue(result.partialSeen(), "the half upload was not buffered in the data directory at the kill "
                    + "(so the restart could not be seen to clear it)");
            System.out.printf("kill -9 round %d (%s): acked %d, missing %d, stored %d chat messages of %d sent; "
                            + "files whole %d; half upload in the data directory at the kill: %s%n",
                    round, store, result.acked().size(), missingNow, chatNow, result.sent(), fileIds.size(),
                    result.partialSeen() ? "yes, and gone after the restart" : "no");
        }
    }

    private static List<Message> history(ChatClient client, String room) {
        List<Message> all = new ArrayList<>();
        long after = 0;
        while (true) {
            HistoryPage page = client.history(room, PageRequest.after(after, 200));
            all.addAll(page.messages());
            if (!page.hasMore() || page.messages().isEmpty()) {
                return all;
            }
            after = page.messages().get(page.messages().size() - 1).seq();
        }
    }

    /**
     * The temporary files of uploads being received in the data directory: the file store's
     * {@code files/.upload-*.part}, and the HTTP layer's buffers under {@code tmp/} (lock files aside).
     */
    private static List<Path> halfUploads(ClusterNodes.Node node) throws IOException {
        List<Path> found = new ArrayList<>(filesIn(node.dataDir.resolve("files"), name -> name.endsWith(".part")));
        found.addAll(filesIn(node.dataDir.resolve("tmp"), name -> !name.equals(".lock")));
        return found;
    }

    /** The regular files below {@code dir} (none when it does not exist) whose names pass {@code names}. */
    private static List<Path> filesIn(Path dir, Predicate<String> names) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(p -> names.test(p.getFileName().toString())).toList();
        }
    }

    private static String user(int u) {
        return "crash" + u;
    }

    /** Counts acks per socket, frees a window slot per answer and completes {@code enough} at the threshold. */
    private static final class AckCounter implements WebSocket.Listener {
        private final Set<String> acked;
        private final Semaphore window;
        private final CompletableFuture<Void> enough;
        private final StringBuilder partial = new StringBuilder();

        AckCounter(Set<String> acked, Semaphore window, CompletableFuture<Void> enough) {
            this.acked = acked;
            this.window = window;
            this.enough = enough;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject frame = Json.createReader(new StringReader(partial.toString())).readObject();
                partial.setLength(0);
                String type = frame.getString("type", "");
                if (type.equals("ack")) {
                    acked.add(frame.getString("clientMsgId"));
                    window.release();
                    if (acked.size() >= KILL_AFTER_ACKS) {
                        enough.complete(null);
                    }
                } else if (type.equals("error")) {
                    window.release();
                    enough.completeExceptionally(new AssertionError("the server refused a send: " + frame));
                }
            }
            socket.request(1);
            return null;
        }
    }

    /** An upload body that gives {@code size} bytes, then blocks (the upload is in flight) until released. */
    private static final class HoldingStream extends InputStream {
        final CountDownLatch blocked = new CountDownLatch(1);
        final AtomicBoolean answered = new AtomicBoolean();
        private final CountDownLatch released = new CountDownLatch(1);
        private final byte[] chunk = new byte[8192];
        private long left;

        HoldingStream(long size) {
            this.left = size;
            Arrays.fill(chunk, (byte) 'x');
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left > 0) {
                int n = (int) Math.min(Math.min(len, chunk.length), left);
                System.arraycopy(chunk, 0, b, off, n);
                left -= n;
                return n;
            }
            blocked.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            throw new IOException("the test ends this upload without finishing it");
        }

        void release() {
            released.countDown();
        }
    }
}
