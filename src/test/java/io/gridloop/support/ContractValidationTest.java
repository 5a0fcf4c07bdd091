package io.gridloop.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/** The validator, given the document as ContractValidation gives it, finds what it must find (no Quarkus). */
class ContractValidationTest {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(ContractValidation.readableDocument()).build();

    private static final String REGION = """
            {"id": 7, "parentId": %s, "type": "STREET", "name": "幸福街道", "sizeClass": null, "boundary": null,
             "contactUnitId": null, "version": 0}""";

    private static ValidationReport region(int status, String contentType, String body) {
        return VALIDATOR.validateResponse("/api/v1/regions/7", Request.Method.GET,
                SimpleResponse.Builder.status(status).withContentType(contentType).withBody(body).build());
    }

    private static List<String> keys(ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getKey).toList();
    }

    @Test
    void null_passes_where_the_document_says_nullable_and_fails_where_it_does_not() {
        assertEquals(List.of(), keys(region(200, "application/json", REGION.formatted("null"))));
        assertEquals(List.of(), keys(region(200, "application/json", REGION.formatted("1"))));
        assertTrue(region(200, "application/json", REGION.formatted("1").replace("\"幸福街道\"", "null")).hasErrors());
        assertTrue(region(200, "application/json", REGION.formatted("\"1\"")).hasErrors());
    }

    @Test
    void an_error_must_be_a_problem_with_a_status_the_operation_declares() {
        String problem = """
                {"type": "urn:gridloop:problem:not-found", "title": "未找到", "status": 404, "detail": "不存在",
                 "instance": "/api/v1/regions/7", "requestId": "r1"}""";
        assertEquals(List.of(), keys(region(404, "application/problem+json", problem)));
        assertTrue(region(404, "application/json", problem).hasErrors());
        assertTrue(region(409, "application/problem+json", problem.replace("404", "409")).hasErrors());
    }

    @Test
    void a_request_body_with_an_unknown_field_or_a_refused_value_is_a_mismatch() {
        String feedback = "{\"rating\": \"%s\", \"solved\": \"SOLVED\"%s}";
        assertEquals(List.of(), keys(feedback(feedback.formatted("SATISFIED", ""))));
        assertTrue(keys(feedback(feedback.formatted("SATISFIED", ", \"colour\": \"red\""))).contains(
                "validation.request.body.schema.additionalProperties"));
        assertTrue(feedback(feedback.formatted("NOT_RATED", "")).hasErrors());
    }

    private static ValidationReport feedback(String body) {
        return VALIDATOR.validateRequest(SimpleRequest.Builder.post("/api/v1/tickets/1/feedback")
                .withHeader("Authorization", "Bearer token").withContentType("application/json").withBody(body).build());
    }
}
