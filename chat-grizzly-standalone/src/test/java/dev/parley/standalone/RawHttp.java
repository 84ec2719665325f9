package dev.parley.standalone;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Bytes written to the server as they are, for requests no HTTP client would send; the answer as read. */
final class RawHttp {
    private RawHttp() {
    }

    /** An answer: status line, headers and body as text. */
    record Answer(int status, String head, String body) {
        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).trim()).findFirst();
        }

        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        @Override
        public String toString() {
            return head + "\r\n\r\n" + body;
        }
    }

    /** Writes {@code request} and reads one answer: to the end of its Content-Length, or until the server closes. */
    static Answer exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Answer exchange(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                String text = read.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    Answer answer = parse(text, end);
                    Optional<String> length = answer.header("Content-Length");
                    if (length.isPresent() && answer.body().getBytes(StandardCharsets.UTF_8).length >= Integer.parseInt(length.get())) {
                        return answer;
                    }
                }
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("no complete answer within 10 s; read so far: " + text);
                }
                if (n < 0) {
                    if (end < 0) {
                        throw new AssertionError("the server closed the connection without an answer; read: " + text);
                    }
                    return parse(text, end);
                }
                read.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(String text, int end) {
        String head = text.substring(0, end);
        String statusLine = head.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        return new Answer(Integer.parseInt(parts[1]), head, text.substring(end + 4));
    }
}
