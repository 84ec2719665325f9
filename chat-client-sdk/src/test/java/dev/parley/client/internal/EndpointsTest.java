package dev.parley.client.internal;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EndpointsTest {
    private static final URI A = URI.create("http://127.0.0.1:8081");
    private static final URI B = URI.create("http://127.0.0.1:8082");
    private static final URI C = URI.create("http://127.0.0.1:8083");

    @Test
    void startsWithTheFirstServerAndMovesInListOrderWrappingAround() {
        Endpoints e = new Endpoints(List.of(A, B, C));
        assertEquals(A, e.current());
        e.failed(A);
        assertEquals(B, e.current());
        e.failed(B);
        assertEquals(C, e.current());
        e.failed(C);
        assertEquals(A, e.current());
    }

    @Test
    void failureOfAServerNoLongerInUseChangesNothing() {
        Endpoints e = new Endpoints(List.of(A, B, C));
        e.failed(A);
        e.failed(A); // the live connection finding the same dead node after the REST side moved
        assertEquals(B, e.current());
    }

    @Test
    void aSingleServerStaysInUse() {
        Endpoints e = new Endpoints(List.of(A));
        e.failed(A);
        assertEquals(A, e.current());
    }
}
