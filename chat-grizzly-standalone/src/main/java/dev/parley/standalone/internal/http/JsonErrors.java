package dev.parley.standalone.internal.http;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;

import java.nio.charset.StandardCharsets;

/** The contract's {@code {"error","message"}} body, for answers written outside JAX-RS. */
final class JsonErrors {
    private JsonErrors() {
    }

    static byte[] body(ErrorCode code, String message) {
        return JsonFields.write(ModelJson.error(code, message)).getBytes(StandardCharsets.UTF_8);
    }
}
