package dev.parley.jakarta.internal.rest;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bodies and query parameters: wrong shapes are BAD_REQUEST with a message naming the culprit. */
class RequestParsingTest {

    private static ChatException badRequest(Executable call) {
        ChatException e = assertThrows(ChatException.class, call);
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        return e;
    }

    @Test
    void numberWhereAStringIsExpectedIsRefusedByName() {
        ChatException e = badRequest(() -> JsonBody.parse("{\"username\": 5, \"password\": \"secret123\"}").requiredString("username"));
        assertTrue(e.getMessage().contains("username"), e.getMessage());
    }

    @Test
    void missingRequiredFieldIsRefusedByName() {
        ChatException e = badRequest(() -> JsonBody.parse("{\"password\": \"secret123\"}").requiredString("username"));
        assertTrue(e.getMessage().contains("username"), e.getMessage());
    }

    @Test
    void malformedEmptyAndNonObjectBodiesAreRefused() {
        badRequest(() -> JsonBody.parse("{\"username\": "));
        badRequest(() -> JsonBody.parse(""));
        badRequest(() -> JsonBody.parse("[1, 2]"));
    }

    @Test
    void optionalFieldsReadAbsentAndNullAsEmpty() {
        JsonBody body = JsonBody.parse("{\"name\": null, \"members\": [\"bob\", \"carol\"]}");
        assertEquals(Optional.empty(), body.optionalString("name"));
        assertEquals(Optional.empty(), body.optionalString("clientMsgId"));
        assertEquals(List.of("bob", "carol"), body.optionalStringList("members"));
        assertEquals(List.of(), body.optionalStringList("other"));
    }

    @Test
    void membersMustBeStrings() {
        badRequest(() -> JsonBody.parse("{\"members\": [\"bob\", 7]}").optionalStringList("members"));
        badRequest(() -> JsonBody.parse("{\"members\": \"bob\"}").optionalStringList("members"));
    }

    @Test
    void limitDefaultsTo50AndAcceptsTheRange() {
        assertEquals(PageRequest.DEFAULT_LIMIT, QueryParams.page(null, null, null).limit());
        assertEquals(1, QueryParams.page(null, null, "1").limit());
        assertEquals(200, QueryParams.page(null, null, "200").limit());
        PageRequest page = QueryParams.page("10", "2", "5");
        assertEquals(OptionalLong.of(10), page.before());
        assertEquals(OptionalLong.of(2), page.after());
    }

    @Test
    void limitOutsideTheRangeOrNotANumberIsRefused() {
        badRequest(() -> QueryParams.page(null, null, "0"));
        badRequest(() -> QueryParams.page(null, null, "201"));
        ChatException e = badRequest(() -> QueryParams.page(null, null, "abc"));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        badRequest(() -> QueryParams.page("x", null, null));
        badRequest(() -> QueryParams.page(null, "-1", null));
    }
}
