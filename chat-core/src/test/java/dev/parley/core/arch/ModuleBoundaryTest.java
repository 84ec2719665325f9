package dev.parley.core.arch;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.nimbusds.jwt.JWT;
import dev.parley.core.Chat;
import dev.parley.protocol.wire.FrameCodec;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module boundaries hold for a consumer: a module that requires chat-core compiles against
 * its API and gets a compile error for the engine's internals and for chat-protocol's JSON
 * mapping (exported to Parley's own modules only). Compiles small modules with javac against the
 * built chat-core and chat-protocol, on the module path as an application would.
 */
class ModuleBoundaryTest {
    @TempDir
    Path dir;

    @Test
    void aConsumerCompilesAgainstTheApi() throws Exception {
        Result r = compile("import dev.parley.core.Chat; import dev.parley.protocol.Message;"
                + " public class Use { Chat chat; Message message; }");
        assertEquals(0, r.exit, r.output);
    }

    @Test
    void theEngineIsNotVisibleOutsideChatCore() throws Exception {
        Result r = compile("import dev.parley.core.internal.ChatEngine; public class Use { ChatEngine engine; }");
        assertNotEquals(0, r.exit, "the engine's package must not be exported");
        assertTrue(r.output.contains("dev.parley.core.internal") && r.output.contains("not visible"), r.output);
    }

    @Test
    void theJsonMappingIsNotVisibleOutsideParleysModules() throws Exception {
        Result r = compile("import dev.parley.protocol.internal.ModelJson; public class Use { ModelJson json; }");
        assertNotEquals(0, r.exit, "chat-protocol's internal package is exported to Parley's modules only");
        assertTrue(r.output.contains("dev.parley.protocol.internal") && r.output.contains("not visible"), r.output);
    }

    private record Result(int exit, String output) {
    }

    private Result compile(String useSource) throws IOException, URISyntaxException {
        Path src = dir.resolve("src/consumer");
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"), "module consumer { requires dev.parley.core; }");
        Files.writeString(src.resolve("consumer/Use.java"), "package consumer; " + useSource);
        List<String> modulePath = new ArrayList<>();
        for (Class<?> c : List.of(Chat.class, FrameCodec.class, JsonObject.class, JWT.class, BCrypt.class)) {
            modulePath.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("out").toString(),
                "--module-path", String.join(java.io.File.pathSeparator, modulePath)));
        try (Stream<Path> files = Files.walk(src)) {
            args.addAll(files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).collect(Collectors.toList()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = javac.run(null, out, out, args.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8));
    }
}
