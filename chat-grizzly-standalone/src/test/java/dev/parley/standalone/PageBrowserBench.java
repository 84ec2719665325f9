package dev.parley.standalone;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A benchmark of the page in Chromium, measured with the browser's Performance API: the first paint
 * of a room holding 10,000 messages (from the click on the room to the frame after its messages are
 * in the list), and scrolling through 5,000 loaded messages (frame times while the view is scrolled
 * from the bottom to the top and back). Not a test: it asserts nothing and runs only when asked,
 * with {@code PARLEY_BENCH_BROWSER=1 PARLEY_TEST_BROWSER=1 mvn -o verify -pl chat-grizzly-standalone -am
 * -Dit.test=PageBrowserBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}. It prints its
 * figures and writes them to {@code target/page-bench.txt}; {@code bench/RESULTS.md} holds a run's.
 */
class PageBrowserBench extends BrowserTest {
    private static final int ROOM_MESSAGES = 10_000;
    private static final int LOADED = 5_000;

    @Override
    protected ChatConfig.Builder chatConfig(ChatConfig.Builder builder) {
        return builder.sendRate(1_000_000, 1_000_000);
    }

    @Test
    void firstPaintOfABigRoomAndScrollingFiveThousandMessages() throws IOException {
        assumeTrue(System.getenv("PARLEY_BENCH_BROWSER") != null, "set PARLEY_BENCH_BROWSER=1 to run the page benchmark");
        WebDriver reader = browser("reader");
        register(reader, "reader");
        Chat chat = server.chat();
        User writer = chat.register("writer", "password-of-writer");
        User me = chat.principal("reader");
        chat.createRoom(writer, "big", Optional.empty(), Visibility.PUBLIC, List.of("reader"));
        long seeding = System.nanoTime();
        for (int i = 1; i <= ROOM_MESSAGES; i++) {
            String text = i % 10 == 0 ? "message " + i + " with **bold**, `code` and a link https://example.com/" + i
                    : "message " + i + " of the big room, a line of ordinary chat";
            chat.send(i % 3 == 0 ? me : writer, "big", text, Optional.empty());
        }
        double seedSeconds = (System.nanoTime() - seeding) / 1e9;

        List<Double> paints = new ArrayList<>();
        for (int run = 0; run < 6; run++) {
            reader.navigate().refresh();
            new WebDriverWait(reader, Duration.ofSeconds(30)).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("room-list"), "big"));
            click(reader, By.cssSelector("#room-list .room-item[data-room-id='general']"));
            waitFor(reader).until(ExpectedConditions.textToBe(By.id("room-title"), "#general"));
            Object ms = js(reader).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "const t0 = performance.now(); performance.mark('open-big');"
                            + "document.querySelector(\"#room-list .room-item[data-room-id='big']\").click();"
                            + "const list = document.getElementById('message-list');"
                            + "const check = () => {"
                            + "  if (list.querySelector('li.message[data-seq]') && list.lastElementChild.textContent.includes('10000')) {"
                            + "    requestAnimationFrame(() => setTimeout(() => { performance.measure('first-paint-big', 'open-big');"
                            + "      done(performance.now() - t0); }, 0));"
                            + "  } else requestAnimationFrame(check); };"
                            + "check();");
            paints.add(((Number) ms).doubleValue());
        }
        paints.remove(0); // the first run warms the server's caches and the browser's module cache

        // Load older pages until 5,000 messages are held, as scrolling up does.
        long loading = System.nanoTime();
        new WebDriverWait(reader, Duration.ofMinutes(5)).until(d -> {
            js(d).executeScript("document.getElementById('message-area').scrollTop = 0;");
            return (Long) js(d).executeScript("return document.querySelectorAll('#message-list li.message[data-seq]').length") >= LOADED;
        });
        double loadSeconds = (System.nanoTime() - loading) / 1e9;
        long shown = (Long) js(reader).executeScript("return document.querySelectorAll('#message-list li.message[data-seq]').length");

        @SuppressWarnings("unchecked")
        Map<String, Object> scroll = (Map<String, Object>) js(reader).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const a = document.getElementById('message-area');"
                        + "const frames = []; let last = null; let step = 0; const steps = 240;"
                        + "const bottom = a.scrollHeight - a.clientHeight; const top = 400;"
                        + "a.scrollTop = bottom;"
                        + "const tick = (t) => {"
                        + "  if (last !== null) frames.push(t - last); last = t;"
                        + "  const k = step < steps ? step / steps : 2 - step / steps;"
                        + "  a.scrollTop = bottom - (bottom - top) * k; step++;"
                        + "  if (step <= 2 * steps) requestAnimationFrame(tick);"
                        + "  else { frames.sort((x, y) => x - y);"
                        + "    const q = (p) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];"
                        + "    done({frames: frames.length, median: q(0.5), p95: q(0.95), max: frames[frames.length - 1],"
                        + "      over50: frames.filter(f => f > 50).length, height: a.scrollHeight}); } };"
                        + "requestAnimationFrame(tick);");

        paints.sort(Double::compare);
        String report = String.format(java.util.Locale.ROOT,
                "page benchmark (headless Chromium, %d messages in the room, seeded in %.1f s)%n"
                        + "first paint of the room: median %.1f ms, max %.1f ms over %d runs%n"
                        + "loading %d messages by scrolling up: %.1f s%n"
                        + "scrolling %d loaded messages (%s px): %s frames, median %.1f ms, p95 %.1f ms, max %.1f ms, %s frames over 50 ms%n",
                ROOM_MESSAGES, seedSeconds, paints.get(paints.size() / 2), paints.get(paints.size() - 1), paints.size(),
                shown, loadSeconds, shown, scroll.get("height"), scroll.get("frames"),
                ((Number) scroll.get("median")).doubleValue(), ((Number) scroll.get("p95")).doubleValue(),
                ((Number) scroll.get("max")).doubleValue(), scroll.get("over50"));
        System.out.print(report);
        Files.writeString(Path.of("target/page-bench.txt"), report);
    }
}
