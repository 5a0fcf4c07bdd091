package io.gridloop.open311;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answers of GeoReport v2, field for field as the specification (and its JSON schemas) name them. */
final class Open311Views {

    private Open311Views() {
    }

    @Schema(name = "Open311Discovery")
    record Discovery(String changeset, String contact, @JsonProperty("key_service") String keyService,
            List<Endpoint> endpoints) {
    }

    @Schema(name = "Open311Endpoint")
    record Endpoint(String specification, String url, String changeset, String type, List<String> formats) {
    }

    @Schema(name = "Open311Service", description = "A category of the catalogue, named in the request's language")
    record Service(@JsonProperty("service_code") String serviceCode, @JsonProperty("service_name") String serviceName,
            @Schema(nullable = true) String description,
            @Schema(description = "true when the category has attributes: read its service definition") boolean metadata,
            @Schema(enumeration = "realtime") String type, @Schema(nullable = true) String keywords,
            @Schema(nullable = true) String group) {
    }

    @Schema(name = "Open311ServiceDefinition")
    record Definition(@JsonProperty("service_code") String serviceCode, List<Attribute> attributes) {
    }

    @Schema(name = "Open311Attribute")
    record Attribute(boolean variable, String code,
            @Schema(enumeration = { "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist" }) String datatype,
            boolean required, @JsonProperty("datatype_description") @Schema(nullable = true) String datatypeDescription,
            @Schema(nullable = true) Integer order, @Schema(nullable = true) String description, List<Value> values) {
    }

    @Schema(name = "Open311AttributeValue")
    record Value(String key, String name) {
    }

    @Schema(name = "Open311Request", description = "A ticket as GeoReport v2 shows it; never the reporter's name, phone or e-mail")
    record Request(@JsonProperty("service_request_id") String serviceRequestId,
            @Schema(enumeration = { "open", "closed" }, description = "closed: CLOSED, CANCELLED or REJECTED; open: every other status") String status,
            @JsonProperty("status_notes") @Schema(nullable = true) String statusNotes,
            @JsonProperty("service_name") @Schema(nullable = true) String serviceName,
            @JsonProperty("service_code") String serviceCode, @Schema(nullable = true) String description,
            @JsonProperty("agency_responsible") @Schema(nullable = true, description = "the grid that handles it") String agencyResponsible,
            @JsonProperty("service_notice") @Schema(nullable = true) String serviceNotice,
            @JsonProperty("requested_datetime") OffsetDateTime requestedDatetime,
            @JsonProperty("updated_datetime") @Schema(nullable = true) OffsetDateTime updatedDatetime,
            @JsonProperty("expected_datetime") @Schema(nullable = true, description = "the resolution deadline, once dispatched") OffsetDateTime expectedDatetime,
            @Schema(nullable = true) String address, @JsonProperty("address_id") @Schema(nullable = true) String addressId,
            @Schema(nullable = true) String zipcode, @Schema(nullable = true) Double lat,
            @JsonProperty("long") @Schema(nullable = true) Double lng,
            @JsonProperty("media_url") @Schema(nullable = true, description = "the ticket's first photo, as a signed link that"
                    + " needs no credentials and lasts 7 to 14 days (GET /api/v1/media-links/{link}); without a photo, the URL"
                    + " the Open311 client sent when filing, as it sent it") String mediaUrl) {
    }

    @Schema(name = "Open311Filed", description = "A request just filed (or, for a retry within the retry window, the one filed first)")
    record Filed(@JsonProperty("service_request_id") String serviceRequestId, String token,
            @JsonProperty("service_notice") String serviceNotice) {
    }

    @Schema(name = "Open311Token")
    record Token(@JsonProperty("service_request_id") String serviceRequestId, String token) {
    }

    @Schema(name = "Open311Error", description = "GeoReport v2's error: the HTTP status as code, and what went wrong")
    record Error(int code, String description) {
    }
}
