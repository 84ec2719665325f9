package dev.parley.standalone.internal.http;

import dev.parley.core.spi.OutboundFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreFramedWritesTest {

    /** The bundled Tyrus must keep letting Parley write pre-framed: an upgrade that breaks it fails here. */
    @Test
    void theBundledTyrusAllowsPreFramedWrites() {
        assertTrue(PreFramedWrites.resolve().isPresent(), "Tyrus's internals moved: see PreFramedWrites");
    }

    /** Each payload length class of RFC 6455 section 5.2 (7-bit, 16-bit and 64-bit lengths) at its edges. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void framesAreFinalUnmaskedTextFramesWithTheExactLength(int length) {
        String text = "x".repeat(length);
        ByteBuffer frame = PreFramedWrites.frame(text);
        assertEquals(text, unframe(frame));
    }

    @Test
    void payloadIsUtf8() {
        String text = "h\u00e9llo \u20ac \uD83D\uDE00 \u4e16\u754c";
        ByteBuffer frame = PreFramedWrites.frame(text);
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length + 2, frame.remaining());
        assertEquals(text, unframe(frame));
    }

    @Test
    void aFrameIsFramedOnceAndEveryWriteGetsItsOwnView() {
        OutboundFrame frame = OutboundFrame.of("{\"type\":\"pong\"}");
        ByteBuffer first = frame.encoded(PreFramedWrites.FRAMER);
        assertSame(first, frame.encoded(PreFramedWrites.FRAMER));
        ByteBuffer view = first.duplicate();
        view.position(view.limit());
        assertEquals("{\"type\":\"pong\"}", unframe(first), "a write consuming its view leaves the shared buffer whole");
    }

    /** A client's reading of one server frame (RFC 6455 section 5.2), checking what a server must send. */
    private static String unframe(ByteBuffer shared) {
        ByteBuffer in = shared.duplicate();
        int b0 = in.get() & 0xFF;
        assertEquals(0x81, b0, "FIN set, no RSV bits, opcode text");
        int b1 = in.get() & 0xFF;
        assertEquals(0, b1 & 0x80, "a server's frames are not masked");
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.getShort() & 0xFFFF;
            assertTrue(length >= 126, "minimal length encoding");
        } else if (length == 127) {
            length = in.getLong();
            assertTrue(length > 0xFFFF, "minimal length encoding");
        }
        assertEquals(length, in.remaining(), "the payload is exactly the declared length");
        byte[] payload = new byte[in.remaining()];
        in.get(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
