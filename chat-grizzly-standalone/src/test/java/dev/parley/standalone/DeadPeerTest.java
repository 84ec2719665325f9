package dev.parley.standalone;

import dev.parley.core.ChatConfig;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's pings find a peer that stopped answering, which a TCP connection alone would hide. */
class DeadPeerTest {

    @Test
    void peerThatNeverAnswersPingsIsDisconnected() throws IOException {
        try (StandaloneServer server = StandaloneServer.create(StandaloneConfig.builder().port(0).inMemory()
                .chat(ChatConfig.builder().passwordHashCost(4).build())
                .pingInterval(Duration.ofMillis(150)).build()).start();
             Socket tcp = new Socket("127.0.0.1", server.port())) {
            String token = new Http(server.url()).login("silent");
            tcp.setSoTimeout(10_000);
            OutputStream out = tcp.getOutputStream();
            String key = Base64.getEncoder().encodeToString("parley-dead-peer".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET /ws?token=" + token + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(tcp.getInputStream());
            String status = readHeaders(in);
            assertTrue(status.startsWith("HTTP/1.1 101"), status);

            // Read server frames (unmasked) without ever answering: pings, then a close or the end of the stream.
            int pings = 0;
            int closeCode = -1;
            try {
                while (closeCode < 0) {
                    int opcode = in.readUnsignedByte() & 0x0F;
                    byte[] payload = payload(in);
                    if (opcode == 0x9) {
                        pings++;
                    } else if (opcode == 0x8) {
                        closeCode = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    }
                }
            } catch (EOFException e) {
                closeCode = 1006;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept the silent peer for 10 s (" + pings + " pings)", e);
            }
            assertTrue(pings >= 2, "pinged before giving up: " + pings);
            assertEquals(1001, closeCode);
        }
    }

    private static String readHeaders(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    private static byte[] payload(DataInputStream in) throws IOException {
        int length = in.readUnsignedByte() & 0x7F;
        long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        byte[] payload = new byte[(int) size];
        in.readFully(payload);
        return payload;
    }
}
