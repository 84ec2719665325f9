package dev.parley.core.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** chat-core must stay framework-neutral: JSON-P is allowed, containers and persistence are not. */
class FrameworkNeutralityTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(jakarta\\.(websocket|ws\\.rs|persistence|servlet|enterprise|inject|ejb|transaction)"
                    + "|javax\\.(websocket|ws\\.rs|persistence|servlet)|org\\.glassfish|org\\.eclipse\\.persistence)\\b.*",
            Pattern.MULTILINE);

    @Test
    void mainSourcesImportNoContainerOrPersistenceType() throws IOException {
        Path main = Path.of("src/main/java");
        assertTrue(Files.isDirectory(main), "run from the chat-core module directory");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return FORBIDDEN.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .collect(Collectors.toList());
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theCheckRecognisesAForbiddenImport() {
        assertTrue(FORBIDDEN.matcher("package x;\nimport jakarta.persistence.Entity;\n").find());
        assertTrue(FORBIDDEN.matcher("import org.glassfish.grizzly.http.server.HttpServer;").find());
        assertTrue(!FORBIDDEN.matcher("import jakarta.json.JsonObject;").find());
    }
}
