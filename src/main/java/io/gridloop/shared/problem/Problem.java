package io.gridloop.shared.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, the body of every error gridloop sends. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(examples = "urn:gridloop:problem:validation") String type,
        @Schema(examples = "请求内容不合法") String title,
        @Schema(examples = "400") int status,
        String detail,
        @Schema(description = "the request path") String instance,
        @Schema(description = "the id of the request, also in the X-Request-Id header") String requestId,
        @Schema(description = "for validation problems: each field the client sent that is wrong") List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A field that failed validation, named as the client sent it (e.g. `roles[0].regionId`). */
    public record Violation(String field, String message) {
    }
}
