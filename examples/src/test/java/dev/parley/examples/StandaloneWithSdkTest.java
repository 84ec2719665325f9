package dev.parley.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandaloneWithSdkTest {

    @Test
    void twoClientsExchangeAMessageThroughAServerOnAFreeLoopbackPortThenEverythingStops() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StandaloneWithSdk.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        Matcher listening = Pattern.compile("server listening on http://127\\.0\\.0\\.1:(\\d+)/").matcher(out);
        assertTrue(listening.find(), out);
        int port = Integer.parseInt(listening.group(1));
        assertTrue(port > 0 && port != 8080, "a free port, not the default: " + out);

        Matcher stored = Pattern.compile("alice's message stored as seq (\\d+)").matcher(out);
        assertTrue(stored.find(), out);
        String seq = stored.group(1);
        assertTrue(out.contains("bob received #" + seq + " from alice: Hello, Bob!"), out);
        assertTrue(out.contains("  " + seq + " CHAT alice: Hello, Bob!"), out);
        assertTrue(out.endsWith("server stopped" + System.lineSeparator()), out);

        // Stopped means the port is free again.
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }
}
