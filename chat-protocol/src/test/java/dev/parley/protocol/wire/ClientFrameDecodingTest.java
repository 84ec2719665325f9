package dev.parley.protocol.wire;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.wire.ClientFrame.Invalid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the server makes of whatever a client sends: never an exception, always a frame. */
class ClientFrameDecodingTest {

    static final int LIMIT = 64 * 1024;

    private static Invalid invalid(String text) {
        return assertInstanceOf(Invalid.class, FrameCodec.decodeClient(text, LIMIT), text);
    }

    private static void assertInvalid(String text, ErrorCode code, String message, Optional<String> ref) {
        assertEquals(new Invalid(code, message, ref), FrameCodec.decodeClient(text, LIMIT));
    }

    /** A valid send frame of exactly {@code bytes} UTF-8 bytes, padded with {@code pad}. */
    private static String sendOfBytes(int bytes, String pad) {
        String head = "{\"type\":\"send\",\"room\":\"general\",\"text\":\"";
        String tail = "\"}";
        int room = bytes - head.length() - tail.length();
        int padBytes = pad.getBytes(StandardCharsets.UTF_8).length;
        String text = pad.repeat(room / padBytes) + "x".repeat(room % padBytes);
        String frame = head + text + tail;
        assertEquals(bytes, frame.getBytes(StandardCharsets.UTF_8).length);
        return frame;
    }

    @Test
    void decodesEveryClientFrameType() {
        assertEquals(new ClientFrame.Subscribe("general", OptionalLong.of(12)),
                FrameCodec.decodeClient("{\"type\":\"subscribe\",\"room\":\"general\",\"since\":12}", LIMIT));
        assertEquals(new ClientFrame.Subscribe("general", OptionalLong.empty()),
                FrameCodec.decodeClient("{\"type\":\"subscribe\",\"room\":\"general\"}", LIMIT));
        assertEquals(new ClientFrame.Unsubscribe("general"),
                FrameCodec.decodeClient("{\"type\":\"unsubscribe\",\"room\":\"general\"}", LIMIT));
        assertEquals(new ClientFrame.Send("general", "hi", Optional.of("c-1")),
                FrameCodec.decodeClient("{\"type\":\"send\",\"room\":\"general\",\"text\":\"hi\",\"clientMsgId\":\"c-1\"}", LIMIT));
        assertEquals(new ClientFrame.Dm("bob", "psst", Optional.empty()),
                FrameCodec.decodeClient("{\"type\":\"dm\",\"to\":\"bob\",\"text\":\"psst\"}", LIMIT));
        assertEquals(new ClientFrame.Typing("general", true),
                FrameCodec.decodeClient("{\"type\":\"typing\",\"room\":\"general\",\"active\":true}", LIMIT));
        assertEquals(new ClientFrame.Ping(), FrameCodec.decodeClient("{\"type\":\"ping\"}", LIMIT));
    }

    @Test
    void ignoresUnknownFieldsAndWhitespace() {
        assertEquals(new ClientFrame.Ping(),
                FrameCodec.decodeClient(" {\n \"extra\": {\"deep\": [1, 2.5, null]}, \"type\": \"ping\" }\n", LIMIT));
        assertEquals(new ClientFrame.Send("r", "t", Optional.empty()),
                FrameCodec.decodeClient("{\"type\":\"send\",\"room\":\"r\",\"text\":\"t\",\"clientMsgId\":null,\"v\":2}", LIMIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "not json", "{\"type\":\"ping\"", "{\"type\":\"ping\"} trailing",
            "{\"type\":\"ping\"}{\"type\":\"ping\"}", "{'type':'ping'}", "{\"type\":\"ping\",}", "\uFEFF{"})
    void malformedJsonIsBadRequestWithoutRef(String text) {
        Invalid i = invalid(text);
        assertEquals(ErrorCode.BAD_REQUEST, i.code());
        assertEquals(Optional.empty(), i.ref());
        assertTrue(i.message().startsWith("invalid JSON"), i.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]                   | an array",
            "\"ping\"             | a string",
            "42                   | a number",
            "true                 | a boolean",
            "null                 | null"})
    void jsonThatIsNotAnObjectIsBadRequest(String text, String what) {
        assertInvalid(text, ErrorCode.BAD_REQUEST, "a frame must be a JSON object, got " + what, Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":null}", "{\"type\":1}", "{\"type\":[\"ping\"]}", "{\"type\":{}}",
            "{\"Type\":\"ping\"}"})
    void missingOrIllTypedTypeIsBadRequest(String text) {
        assertInvalid(text, ErrorCode.BAD_REQUEST, "a frame needs a string \"type\"", Optional.empty());
    }

    @Test
    void unknownTypeIsBadRequestWithRef() {
        assertInvalid("{\"type\":\"shout\",\"room\":\"general\"}", ErrorCode.BAD_REQUEST,
                "unknown frame type \"shout\"", Optional.of("general"));
        assertInvalid("{\"type\":\"PING\"}", ErrorCode.BAD_REQUEST, "unknown frame type \"PING\"", Optional.empty());
        Invalid longType = invalid("{\"type\":\"" + "z".repeat(10_000) + "\"}");
        assertTrue(longType.message().length() < 100, "a long type is cut short in the message");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"send\",\"text\":\"hi\",\"clientMsgId\":\"c-1\"}           | send needs a string \"room\"         | c-1",
            "{\"type\":\"send\",\"room\":7,\"text\":\"hi\"}                          | send needs a string \"room\"         |",
            "{\"type\":\"send\",\"room\":\"r\"}                                      | send needs a string \"text\"         | r",
            "{\"type\":\"send\",\"room\":\"r\",\"text\":null,\"clientMsgId\":\"c\"}  | send needs a string \"text\"         | c",
            "{\"type\":\"send\",\"room\":\"r\",\"text\":\"t\",\"clientMsgId\":5}     | send needs \"clientMsgId\" to be a string when given | r",
            "{\"type\":\"dm\",\"text\":\"t\",\"clientMsgId\":\"c\"}                  | dm needs a string \"to\"             | c",
            "{\"type\":\"dm\",\"to\":\"bob\"}                                        | dm needs a string \"text\"           |",
            "{\"type\":\"subscribe\"}                                                | subscribe needs a string \"room\"    |",
            "{\"type\":\"subscribe\",\"room\":\"r\",\"since\":-1}                    | subscribe needs \"since\" to be a non-negative integer when given | r",
            "{\"type\":\"subscribe\",\"room\":\"r\",\"since\":\"3\"}                 | subscribe needs \"since\" to be a non-negative integer when given | r",
            "{\"type\":\"subscribe\",\"room\":\"r\",\"since\":2.5}                   | subscribe needs \"since\" to be a non-negative integer when given | r",
            "{\"type\":\"subscribe\",\"room\":\"r\",\"since\":1e999999999}           | subscribe needs \"since\" to be a non-negative integer when given | r",
            "{\"type\":\"subscribe\",\"room\":\"r\",\"since\":9223372036854775808}   | subscribe needs \"since\" to be a non-negative integer when given | r",
            "{\"type\":\"unsubscribe\",\"room\":false}                               | unsubscribe needs a string \"room\"  |",
            "{\"type\":\"typing\",\"room\":\"r\"}                                    | typing needs a boolean \"active\"    | r",
            "{\"type\":\"typing\",\"room\":\"r\",\"active\":\"true\"}                | typing needs a boolean \"active\"    | r",
            "{\"type\":\"typing\",\"active\":true}                                   | typing needs a string \"room\"       |"})
    void missingOrIllTypedFieldsAreBadRequestNamingTheField(String text, String message, String ref) {
        assertInvalid(text, ErrorCode.BAD_REQUEST, message, Optional.ofNullable(ref));
    }

    @Test
    void refPrefersClientMsgIdOverRoom() {
        assertEquals(Optional.of("c-7"),
                invalid("{\"type\":\"send\",\"room\":\"general\",\"clientMsgId\":\"c-7\"}").ref());
        assertEquals(Optional.of("general"),
                invalid("{\"type\":\"send\",\"room\":\"general\",\"clientMsgId\":[\"c-7\"]}").ref());
    }

    @Test
    void sinceAcceptsZeroAndIntegralNumbersWrittenWithAFraction() {
        assertEquals(new ClientFrame.Subscribe("r", OptionalLong.of(0)),
                FrameCodec.decodeClient("{\"type\":\"subscribe\",\"room\":\"r\",\"since\":0}", LIMIT));
        assertEquals(new ClientFrame.Subscribe("r", OptionalLong.of(5)),
                FrameCodec.decodeClient("{\"type\":\"subscribe\",\"room\":\"r\",\"since\":5.0}", LIMIT));
        assertEquals(new ClientFrame.Subscribe("r", OptionalLong.of(Long.MAX_VALUE)),
                FrameCodec.decodeClient("{\"type\":\"subscribe\",\"room\":\"r\",\"since\":9223372036854775807}", LIMIT));
    }

    @Test
    void deepNestingIsBadRequestNotAStackOverflow() {
        String arrays = "{\"type\":\"ping\",\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
        assertEquals(ErrorCode.BAD_REQUEST, invalid(arrays).code());
        String objects = "{\"type\":\"ping\",\"x\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}";
        assertEquals(ErrorCode.BAD_REQUEST, invalid(objects).code());
        assertEquals(ErrorCode.BAD_REQUEST, invalid("[".repeat(LIMIT)).code());
    }

    @Test
    void hugeNumbersAreBadRequest() {
        String longNumber = "{\"type\":\"subscribe\",\"room\":\"r\",\"since\":" + "9".repeat(60_000) + "}";
        assertEquals(ErrorCode.BAD_REQUEST, invalid(longNumber).code());
        String unused = "{\"type\":\"ping\",\"n\":1e-999999999,\"m\":-1E+999999999}";
        assertEquals(new ClientFrame.Ping(), FrameCodec.decodeClient(unused, LIMIT));
    }

    @Test
    void frameOneByteOver64KiBIsTooLarge() {
        String frame = sendOfBytes(LIMIT + 1, "a");
        assertInvalid(frame, ErrorCode.TOO_LARGE, "frame is 65537 bytes, the limit is 65536", Optional.empty());
    }

    @Test
    void frameOfExactly64KiBIsAccepted() {
        assertInstanceOf(ClientFrame.Send.class, FrameCodec.decodeClient(sendOfBytes(LIMIT, "a"), LIMIT));
    }

    @Test
    void multiByteCharactersCountAsTheirUtf8Bytes() {
        // 4-byte emoji: far fewer chars than the limit, but over it in bytes
        String emoji = sendOfBytes(LIMIT + 4, "😀");
        assertTrue(emoji.length() < LIMIT, "the char count alone would let it through");
        assertInvalid(emoji, ErrorCode.TOO_LARGE, "frame is 65540 bytes, the limit is 65536", Optional.empty());
        // 2- and 3-byte characters right at the limit still fit
        assertInstanceOf(ClientFrame.Send.class, FrameCodec.decodeClient(sendOfBytes(LIMIT, "é"), LIMIT));
        assertInstanceOf(ClientFrame.Send.class, FrameCodec.decodeClient(sendOfBytes(LIMIT, "日"), LIMIT));
        assertEquals(ErrorCode.TOO_LARGE, invalid(sendOfBytes(LIMIT + 1, "日")).code());
    }

    @Test
    void utf8LengthMatchesTheEncoder() {
        for (String s : new String[] {"", "abc", "é", "日本", "😀", "a😀b👍🏽c", "\uD83D", "x\uDE00y", "<script>\"'"}) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, FrameCodec.utf8Length(s), s);
        }
    }

    @Test
    void nullTextIsBadRequest() {
        assertEquals(ErrorCode.BAD_REQUEST, invalid(null).code());
    }
}
