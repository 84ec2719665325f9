package dev.parley.jakarta.internal.edge;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadLimitFilterTest {
    private static final long LIMIT = 1024 * 1024;
    private static final UploadLimitFilter FILTER = new UploadLimitFilter(LIMIT);

    private static FakeRequest upload(String path, long declared) {
        return new FakeRequest("POST", path, Map.of("Content-Length", Long.toString(declared)));
    }

    @Test
    void anUploadDeclaringMoreThanTheLimitIsRefusedWith413BeforeItsBodyIsRead() {
        FakeRequest request = upload("rooms/general/files", LIMIT + UploadLimitFilter.MULTIPART_OVERHEAD + 1);
        FILTER.filter(request.context());
        Response answer = request.aborted().orElseThrow();
        assertEquals(413, answer.getStatus());
        assertEquals("close", answer.getHeaderString("Connection"));
        String body = String.valueOf(answer.getEntity());
        assertTrue(body.contains("TOO_LARGE") && body.contains("the upload declares"), body);
    }

    @Test
    void aLengthAboveTwoGibibytesIsRefusedToo() {
        FakeRequest request = upload("rooms/general/files", 5L << 30);
        FILTER.filter(request.context());
        assertEquals(413, request.aborted().orElseThrow().getStatus());
    }

    @Test
    void anUploadWithinTheLimitAndItsMultipartFramingGoesOn() {
        FakeRequest request = upload("rooms/general/files", LIMIT + UploadLimitFilter.MULTIPART_OVERHEAD);
        FILTER.filter(request.context());
        assertTrue(request.aborted().isEmpty(), "the engine counts the file's own bytes");
    }

    @Test
    void otherRequestsAndUndeclaredLengthsAreLeftToTheEngine() {
        for (FakeRequest request : new FakeRequest[] {
                upload("rooms/general/messages", 10 * LIMIT),
                new FakeRequest("GET", "files/abc", Map.of("Content-Length", Long.toString(10 * LIMIT))),
                new FakeRequest("POST", "rooms/general/files", Map.of()),
                new FakeRequest("POST", "rooms/general/files", Map.of("Content-Length", "lots"))}) {
            FILTER.filter(request.context());
            assertTrue(request.aborted().isEmpty());
        }
    }

    @Test
    void theLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new UploadLimitFilter(0));
    }
}
