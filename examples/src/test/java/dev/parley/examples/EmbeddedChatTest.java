package dev.parley.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedChatTest {

    @Test
    void exampleDeliversBothMessagesLiveAndStoresTheRetryOnce() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EmbeddedChat.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("bob received #2 from alice: Hello, Bob!"), out);
        assertTrue(out.contains("bob received #3 from bob: Hi Alice."), out);
        assertTrue(out.contains("  1 USER_JOINED bob: bob joined"), out);
        assertTrue(out.contains("  3 CHAT bob: Hi Alice."), out);
        assertTrue(!out.contains("  4 "), "the retried send was stored once:\n" + out);
        assertTrue(out.contains("now: Hello, Bob! (edited), reactions 1, replies 1"), out);
    }
}
