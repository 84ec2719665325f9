package dev.parley.client.internal;

import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A {@code multipart/form-data} body with one file field, streamed: the part's headers, then the
 * file's bytes as they are read, then the closing boundary. Nothing is buffered whole, so a large
 * upload costs no more memory than a small one.
 *
 * @param boundary    the boundary, never found in a random file by chance (a UUID)
 * @param contentType the request's {@code Content-Type}, naming the boundary
 * @param publisher   the body
 */
record Multipart(String boundary, String contentType, BodyPublisher publisher) {

    /**
     * A body holding {@code data} as the form field {@code field}.
     *
     * @param data read once, when the request is sent (a fresh stream per call for a retry)
     */
    static Multipart file(String field, String fileName, String fileContentType, Supplier<InputStream> data) {
        String boundary = "parley-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + quoted(field) + "\"; filename=\"" + quoted(fileName) + "\""
                + "\r\n"
                + "Content-Type: " + headerValue(fileContentType) + "\r\n"
                + "\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        BodyPublisher body = BodyPublishers.concat(
                BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)),
                BodyPublishers.ofInputStream(data),
                BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.US_ASCII)));
        return new Multipart(boundary, "multipart/form-data; boundary=" + boundary, body);
    }

    /**
     * A quoted-string's content encoded as browsers do (WHATWG multipart/form-data): {@code "} as
     * {@code %22}, CR as {@code %0D}, LF as {@code %0A}, so that a file name can neither end its
     * quotes nor its header early. Other characters go as UTF-8. (A backslash escape would be read
     * as a Windows directory separator by servers that strip client paths.)
     */
    static String quoted(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String headerValue(String s) {
        return s.replace("\r", "").replace("\n", "");
    }
}
