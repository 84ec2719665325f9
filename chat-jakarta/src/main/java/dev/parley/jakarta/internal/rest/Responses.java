package dev.parley.jakarta.internal.rest;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;

import jakarta.json.JsonStructure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON answers, written to text here so that no JSON-B or JSON-P provider of the runtime is involved. */
final class Responses {
    private Responses() {
    }

    static Response json(Response.Status status, JsonStructure body) {
        return json(status.getStatusCode(), body);
    }

    static Response json(int status, JsonStructure body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonFields.write(body)).build();
    }

    static Response ok(JsonStructure body) {
        return json(200, body);
    }

    /** The contract's error body with the code's own status. */
    static Response error(ErrorCode code, String message) {
        return error(code.httpStatus(), code, message);
    }

    /** The contract's error body with a status the contract does not name (405, 415, ...). */
    static Response error(int status, ErrorCode code, String message) {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonFields.write(ModelJson.error(code, message)));
        if (code == ErrorCode.UNAUTHORIZED) {
            builder.header("WWW-Authenticate", "Bearer realm=\"parley\"");
        }
        return builder.build();
    }
}
