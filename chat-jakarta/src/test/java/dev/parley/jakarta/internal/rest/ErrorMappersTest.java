package dev.parley.jakarta.internal.rest;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.internal.JsonFields;
import dev.parley.protocol.internal.ModelJson;

import jakarta.json.JsonObject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ErrorMappersTest {

    private static JsonObject body(Response response) {
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
        return JsonFields.parseObject((String) response.getEntity());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void chatExceptionAnswersItsCodeWithItsStatus(ErrorCode code) {
        Response response = new ErrorMappers.ChatExceptionMapper().toResponse(new ChatException(code, "because " + code));
        assertEquals(code.httpStatus(), response.getStatus());
        JsonObject body = body(response);
        assertEquals(code.name(), body.getString("error"));
        assertEquals("because " + code, body.getString("message"));
    }

    @Test
    void unauthorizedNamesTheBearerScheme() {
        Response response = new ErrorMappers.ChatExceptionMapper().toResponse(ChatException.unauthorized("no token"));
        assertEquals("Bearer realm=\"parley\"", response.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void unknownRouteIsNotFoundWithContractBody() {
        Response response = new ErrorMappers.WebApplicationExceptionMapper().toResponse(new NotFoundException());
        assertEquals(404, response.getStatus());
        assertEquals("NOT_FOUND", body(response).getString("error"));
    }

    @Test
    void wrongMethodKeepsStatus405AndAllowWithBadRequestCode() {
        Response response = new ErrorMappers.WebApplicationExceptionMapper()
                .toResponse(new NotAllowedException("GET", new String[] {"POST"}));
        assertEquals(405, response.getStatus());
        assertEquals("BAD_REQUEST", body(response).getString("error"));
        String allow = response.getHeaderString("Allow");
        assertEquals(true, allow.contains("GET") && allow.contains("POST"), allow);
    }

    @Test
    void unsupportedMediaTypeKeepsStatus415WithBadRequestCode() {
        Response response = new ErrorMappers.WebApplicationExceptionMapper().toResponse(new NotSupportedException());
        assertEquals(415, response.getStatus());
        assertEquals("BAD_REQUEST", body(response).getString("error"));
    }

    @Test
    void serverSideWebApplicationExceptionIsInternal() {
        Response response = new ErrorMappers.WebApplicationExceptionMapper().toResponse(new WebApplicationException(502));
        assertEquals(502, response.getStatus());
        assertEquals("INTERNAL", body(response).getString("error"));
    }

    @Test
    void unexpectedFailureIsInternalWithoutDetail() {
        Response response = new ErrorMappers.UnexpectedExceptionMapper()
                .toResponse(new IllegalStateException("secret table parley_users is locked"));
        assertEquals(500, response.getStatus());
        JsonObject body = body(response);
        assertEquals("INTERNAL", body.getString("error"));
        assertFalse(body.getString("message").contains("parley_users"));
        assertFalse(((String) response.getEntity()).contains("IllegalStateException"));
    }

    @Test
    void asyncFailureAnswersTheWrappedRefusal() {
        Response response = new ErrorMappers.UnexpectedExceptionMapper()
                .toResponse(new CompletionException(ChatException.forbidden("not a member")));
        assertEquals(403, response.getStatus());
        assertEquals("FORBIDDEN", body(response).getString("error"));
    }
}
