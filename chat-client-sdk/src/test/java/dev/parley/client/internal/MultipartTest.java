package dev.parley.client.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartTest {

    @Test
    void bodyIsOneFilePartBetweenBoundaries() throws Exception {
        byte[] data = "hello\r\n--not-a-boundary\r\n".getBytes(StandardCharsets.UTF_8);
        Multipart m = Multipart.file("file", "notes.txt", "text/plain", () -> new ByteArrayInputStream(data));
        String body = new String(collect(m), StandardCharsets.UTF_8);
        String b = m.boundary();
        assertEquals("multipart/form-data; boundary=" + b, m.contentType());
        assertEquals("--" + b + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "hello\r\n--not-a-boundary\r\n"
                + "\r\n--" + b + "--\r\n", body);
    }

    @Test
    void binaryContentPassesUnchanged() throws Exception {
        byte[] data = new byte[256 * 1024 + 7];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Multipart m = Multipart.file("file", "blob.bin", "application/octet-stream", () -> new ByteArrayInputStream(data));
        byte[] body = collect(m);
        byte[] head = ("--" + m.boundary() + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + m.boundary() + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(head.length + data.length + tail.length, body.length);
        assertArrayEquals(data, Arrays.copyOfRange(body, head.length, head.length + data.length));
    }

    @Test
    void streamIsReadWhenTheBodyIsSentNotWhenItIsBuilt() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        Multipart m = Multipart.file("file", "a.txt", "text/plain", () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[] {1, 2, 3});
        });
        assertEquals(0, opened.get());
        assertEquals(-1, m.publisher().contentLength(), "an input stream's length is not known in advance");
        collect(m);
        assertEquals(1, opened.get());
    }

    @Test
    void fileNameCannotBreakOutOfItsHeader() throws Exception {
        Multipart m = Multipart.file("file", "evil\"\r\nX-Injected: 1.txt", "text/plain",
                InputStream::nullInputStream);
        String body = new String(collect(m), StandardCharsets.UTF_8);
        assertTrue(body.contains("filename=\"evil%22%0D%0AX-Injected: 1.txt\"\r\n"), body);
        assertEquals(-1, body.indexOf("\r\nX-Injected"));
    }

    @Test
    void nonAsciiFileNamesGoAsUtf8() throws Exception {
        Multipart m = Multipart.file("file", "résumé.pdf", "application/pdf", InputStream::nullInputStream);
        String body = new String(collect(m), StandardCharsets.UTF_8);
        assertTrue(body.contains("filename=\"résumé.pdf\""), body);
    }

    /** Subscribes to the publisher as HttpClient would and gathers every byte. */
    static byte[] collect(Multipart m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        m.publisher().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }
}
