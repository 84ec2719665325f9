package dev.parley.jakarta.internal.rest;

import dev.parley.core.Chat;
import dev.parley.jakarta.ParleyRest;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-maintained OpenAPI document and the resource classes describe the same endpoints. */
class OpenApiDriftTest {
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static Chat chat;

    @BeforeAll
    static void engine() {
        chat = Chat.builder().build();
    }

    @AfterAll
    static void close() {
        chat.close();
    }

    private static JsonObject document() {
        return JsonFields.parseObject(new String(OpenApiResource.load(), StandardCharsets.UTF_8));
    }

    /** "GET /rooms/{id}/messages" for every resource method of every registered resource. */
    private static Set<String> resourceOperations() {
        Set<String> operations = new TreeSet<>();
        for (Object singleton : ParleyRest.singletons(chat)) {
            Path classPath = singleton.getClass().getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            addOperations(singleton.getClass(), classPath.value(), operations);
        }
        return operations;
    }

    private static void addOperations(Class<?> resource, String base, Set<String> operations) {
        for (Method method : resource.getMethods()) {
            String verb = httpMethod(method);
            if (verb != null) {
                Path methodPath = method.getAnnotation(Path.class);
                operations.add(verb + " " + join(base, methodPath == null ? "" : methodPath.value()));
            }
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String a, String b) {
        String path = "/" + trimSlashes(a) + (trimSlashes(b).isEmpty() ? "" : "/" + trimSlashes(b));
        return path.replaceAll("/+", "/");
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }

    private static Set<String> documentOperations() {
        Set<String> operations = new TreeSet<>();
        JsonObject paths = document().getJsonObject("paths");
        for (String path : paths.keySet()) {
            for (String verb : paths.getJsonObject(path).keySet()) {
                operations.add(verb.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        return operations;
    }

    @Test
    void everyResourceMethodIsDocumentedAndNothingElse() {
        Set<String> resources = resourceOperations();
        assertTrue(resources.size() >= 34, "expected the contract's endpoints, found " + resources);
        assertEquals(resources, documentOperations());
    }

    @Test
    void everyDocumentedPathParameterIsInItsTemplate() {
        JsonObject paths = document().getJsonObject("paths");
        for (String path : paths.keySet()) {
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = TEMPLATE.matcher(path);
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            for (String verb : paths.getJsonObject(path).keySet()) {
                Set<String> declared = new TreeSet<>();
                JsonObject operation = paths.getJsonObject(path).getJsonObject(verb);
                for (JsonValue p : operation.getJsonArray("parameters") == null ? JsonValue.EMPTY_JSON_ARRAY : operation.getJsonArray("parameters")) {
                    if ("path".equals(p.asJsonObject().getString("in"))) {
                        declared.add(p.asJsonObject().getString("name"));
                    }
                }
                assertEquals(inTemplate, declared, verb + " " + path);
                assertFalse(operation.getJsonObject("responses").isEmpty(), verb + " " + path + " has no responses");
            }
        }
    }

    @Test
    void openEndpointsAreMarkedWithoutSecurity() {
        JsonObject paths = document().getJsonObject("paths");
        Set<String> open = new TreeSet<>();
        for (String path : paths.keySet()) {
            for (String verb : paths.getJsonObject(path).keySet()) {
                JsonObject operation = paths.getJsonObject(path).getJsonObject(verb);
                if (operation.containsKey("security") && operation.getJsonArray("security").isEmpty()) {
                    open.add(verb.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        Set<String> anonymous = new TreeSet<>();
        for (Object singleton : ParleyRest.singletons(chat)) {
            Path classPath = singleton.getClass().getAnnotation(Path.class);
            for (Method method : singleton.getClass().getMethods()) {
                if (classPath != null && method.isAnnotationPresent(Anonymous.class)) {
                    Path methodPath = method.getAnnotation(Path.class);
                    anonymous.add(httpMethod(method) + " " + join(classPath.value(), methodPath == null ? "" : methodPath.value()));
                }
            }
        }
        assertEquals(Set.of("POST /auth/register", "POST /auth/login", "GET /auth/session", "GET /health", "GET /config",
                "GET /openapi.json"), anonymous);
        assertEquals(anonymous, open);
    }
}
