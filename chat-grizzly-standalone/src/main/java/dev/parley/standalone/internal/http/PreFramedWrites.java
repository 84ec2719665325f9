package dev.parley.standalone.internal.http;

import dev.parley.core.spi.Connection;
import dev.parley.core.spi.OutboundFrame;

import jakarta.websocket.Session;

import org.glassfish.tyrus.core.ProtocolHandler;
import org.glassfish.tyrus.core.TyrusRemoteEndpoint;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import org.glassfish.tyrus.spi.WriterInfo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pre-framed writes for the standalone server's Tyrus sessions: a message that goes to a thousand
 * subscribers is turned into WebSocket frame bytes once ({@link OutboundFrame#encoded}) and the
 * same bytes are written to each connection, where Tyrus's {@code sendText} would build, UTF-8
 * encode and frame the text again for every recipient and restart the session's idle timer. This
 * is what Tyrus's own {@code TyrusSession.broadcast} does, for a chosen set of sessions.
 *
 * <p>Tyrus does not expose a session's connection writer, so it is read once per session from
 * Tyrus's internals (the remote endpoint's web socket, its protocol handler, its writer), with
 * handles resolved once at start. When they cannot be (another Tyrus version), or a session
 * negotiated an extension (which may transform frames), the standard connection is used, and the
 * start-up log says so.
 *
 * <p>A write goes through the same writer Tyrus uses, which queues writes in order; the engine keeps
 * one frame in flight per connection, so a connection's frames stay in order. Closing and plain
 * text sends are delegated to the standard connection.
 */
public final class PreFramedWrites {
    private static final Logger LOG = Logger.getLogger(PreFramedWrites.class.getName());
    private static final WriterInfo TEXT = new WriterInfo(WriterInfo.MessageType.TEXT, WriterInfo.RemoteEndpointType.ASYNC);
    private static final byte FIN_TEXT = (byte) 0x81;

    /**
     * RFC 6455 section 5.2: an unmasked, final text frame holding the frame's UTF-8 text. The buffer is
     * shared by every recipient: each write takes a duplicate, and nothing writes into it. (It is not
     * made read-only: Grizzly wraps a heap buffer's array directly, as it does for Tyrus's broadcast.)
     */
    static final Function<OutboundFrame, ByteBuffer> FRAMER = frame -> frame(frame.text());

    private final VarHandle webSocketOfRemote;
    private final VarHandle handlerOfWebSocket;
    private final VarHandle writerOfHandler;

    private PreFramedWrites(VarHandle webSocketOfRemote, VarHandle handlerOfWebSocket, VarHandle writerOfHandler) {
        this.webSocketOfRemote = webSocketOfRemote;
        this.handlerOfWebSocket = handlerOfWebSocket;
        this.writerOfHandler = writerOfHandler;
    }

    /**
     * The connections for {@code ParleyWebSocket.endpointConfig}: pre-framed where this Tyrus allows
     * it, else the standard ones.
     */
    public static BiFunction<Session, Connection, Connection> connections() {
        Optional<PreFramedWrites> writes = resolve();
        if (writes.isEmpty()) {
            return (session, standard) -> standard;
        }
        return writes.get()::connection;
    }

    /** The handles into this Tyrus, or empty (and a log line saying why) when it does not have them. */
    static Optional<PreFramedWrites> resolve() {
        try {
            return Optional.of(new PreFramedWrites(
                    field(TyrusRemoteEndpoint.class, "webSocket", TyrusWebSocket.class),
                    field(TyrusWebSocket.class, "protocolHandler", ProtocolHandler.class),
                    field(ProtocolHandler.class, "writer", Writer.class)));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "this Tyrus does not let Parley write pre-framed messages; every recipient's frame is "
                    + "encoded on its own (" + e + ")");
            return Optional.empty();
        }
    }

    private static VarHandle field(Class<?> owner, String name, Class<?> type) throws ReflectiveOperationException {
        return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
    }

    private Connection connection(Session session, Connection standard) {
        try {
            Object remote = session.getAsyncRemote();
            if (!(remote instanceof TyrusRemoteEndpoint)) {
                return standard;
            }
            TyrusWebSocket socket = (TyrusWebSocket) webSocketOfRemote.get(remote);
            ProtocolHandler handler = (ProtocolHandler) handlerOfWebSocket.get(socket);
            Writer writer = (Writer) writerOfHandler.getVolatile(handler);
            if (socket == null || writer == null || handler.hasExtensions()) {
                return standard;
            }
            return new Framed(socket, writer, standard);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "writing text frames the standard way to session " + session.getId(), e);
            return standard;
        }
    }

    static ByteBuffer frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer buffer = ByteBuffer.allocate(header + length);
        buffer.put(FIN_TEXT);
        if (length < 126) {
            buffer.put((byte) length);
        } else if (length <= 0xFFFF) {
            buffer.put((byte) 126).putShort((short) length);
        } else {
            buffer.put((byte) 127).putLong(length);
        }
        buffer.put(payload).flip();
        return buffer;
    }

    /** One session's connection: message frames as shared bytes, the rest through the standard one. */
    private static final class Framed implements Connection {
        private final TyrusWebSocket socket;
        private final Writer writer;
        private final Connection standard;

        Framed(TyrusWebSocket socket, Writer writer, Connection standard) {
            this.socket = socket;
            this.writer = writer;
            this.standard = standard;
        }

        @Override
        public CompletionStage<?> send(String frame) {
            return standard.send(frame);
        }

        @Override
        public CompletionStage<?> send(OutboundFrame frame) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            if (!socket.isConnected()) {
                sent.completeExceptionally(new IllegalStateException("the WebSocket session is closed"));
                return sent;
            }
            try {
                writer.write(frame.encoded(FRAMER).duplicate(), new CompletionHandler<>() {
                    @Override
                    public void completed(ByteBuffer result) {
                        sent.complete(null);
                    }

                    @Override
                    public void failed(Throwable failure) {
                        sent.completeExceptionally(failure);
                    }

                    @Override
                    public void cancelled() {
                        sent.completeExceptionally(new CancellationException("write cancelled"));
                    }
                }, TEXT);
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
            return sent;
        }

        @Override
        public void close(int code, String reason) {
            standard.close(code, reason);
        }
    }
}
