package dev.parley.jakarta.internal.rest;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure becomes the contract's {@code {"error": CODE, "message": ...}} body with a JSON
 * type. The runtime's own refusals keep their status (404 unknown route, 405 wrong method, 415
 * wrong body type, 406), carrying the closest contract code: BAD_REQUEST for the 4xx the contract
 * does not name. Anything unexpected is logged here and answered 500 INTERNAL with no detail.
 */
final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    static Response forChatException(ChatException e) {
        if (e.code() == ErrorCode.UNAVAILABLE || e.code() == ErrorCode.INTERNAL) {
            LOG.log(Level.WARNING, "request failed: " + e.getMessage(), e);
        }
        return Responses.error(e.code(), e.getMessage());
    }

    static Response forWebApplicationException(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        ErrorCode code = ErrorCode.forHttpStatus(status);
        if (status >= 500) {
            LOG.log(Level.WARNING, "request failed with " + status, e);
        }
        Response answer = Responses.error(status, code, describe(status));
        if (status == 405 && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(answer).header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return answer;
    }

    static Response forThrowable(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof ChatException chat) {
            return forChatException(chat);
        }
        if (cause instanceof WebApplicationException web) {
            return forWebApplicationException(web);
        }
        LOG.log(Level.SEVERE, "unexpected failure while serving a request", cause);
        return Responses.error(ErrorCode.INTERNAL, "internal error");
    }

    /** Async completions wrap the engine's refusal; the client must see the refusal itself. */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "malformed request";
            case 401 -> "authentication required";
            case 403 -> "forbidden";
            case 404 -> "no such endpoint or resource";
            case 405 -> "method not allowed on this endpoint";
            case 406 -> "not acceptable: this endpoint answers application/json";
            case 413 -> "request too large";
            case 415 -> "unsupported media type for this endpoint";
            case 503 -> "service unavailable";
            default -> status >= 500 ? "internal error" : "request refused (HTTP " + status + ")";
        };
    }

    /** Maps the engine's refusals. */
    static final class ChatExceptionMapper implements ExceptionMapper<ChatException> {
        @Override
        public Response toResponse(ChatException exception) {
            return forChatException(exception);
        }
    }

    /** Maps the runtime's refusals (unknown route, wrong method, wrong media type, ...). */
    static final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            return forWebApplicationException(exception);
        }
    }

    /** The last line: whatever else escaped a resource. */
    static final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable exception) {
            return forThrowable(exception);
        }
    }
}
