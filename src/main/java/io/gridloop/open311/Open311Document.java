package io.gridloop.open311;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The Open311 operations in the OpenAPI document, as GeoReport v2 has them rather than as /api/v1's
 * conventions (which {@code shared.web.ProblemResponsesFilter} leaves these paths out of): no bearer
 * token (a key, where needed, is the {@code api_key} parameter), the parameters read from the query,
 * and every error as GeoReport's error list in JSON and XML.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH)
public class Open311Document implements OASFilter {

    static final String TAG = "Open311 GeoReport v2";
    static final String TAG_DESCRIPTION = "Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), following its shapes"
            + " instead of /api/v1's conventions: JSON or XML by the path's suffix, form-encoded POST, the api_key parameter"
            + " (or X-API-Key), and errors as GeoReport's list [{code, description}] (XML <errors><error>), never problem+json."
            + " The catalogue is public; requests are read and filed with a key, inside its jurisdiction.";

    private static final String ERROR_REF = "#/components/schemas/Open311Error";

    /** What each error status means on these paths. */
    private static final Map<String, String> ERRORS = new java.util.TreeMap<>(Map.of(
            "400", "A parameter is missing or not valid (GeoReport's 400), api_key or jurisdiction_id missing where needed",
            "401", "A bearer token or X-API-Key was sent and is not valid",
            "403", "The api_key is not valid or has been revoked",
            "404", "No such service, request, token or jurisdiction_id, or not in the key's jurisdiction",
            "414", "The path and query are too long",
            "431", "The request's headers are too large",
            "500", "The service failed",
            "503", "The database could not answer right now (unreachable, too slow, or out of room); nothing was kept"));

    /** The query parameters of each operation, and what they mean. */
    private static final Map<String, String> QUERY = Map.of(
            "api_key", "the key of an INTEGRATION (or the X-API-Key header)",
            "jurisdiction_id", "the district's region id; needed without a key only when the service hosts several districts",
            "service_request_id", "comma-separated ids (at most 100); overrides every other filter",
            "service_code", "a service's code",
            "start_date", "filed at or after (ISO 8601 with offset); default end_date minus 90 days",
            "end_date", "filed at or before (ISO 8601 with offset); default now; at most 90 days after start_date",
            "status", "open, closed, or open,closed");

    /** The form of POST requests: GeoReport v2's fields; each {@code attribute[code]} a service definition names as well. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Open311FilingForm")
    public record FilingForm(@JsonProperty("api_key") String apiKey, @JsonProperty("jurisdiction_id") String jurisdictionId,
            @JsonProperty("service_code") String serviceCode,
            Double lat, @JsonProperty("long") Double lng,
            @JsonProperty("address_string") String addressString, @JsonProperty("address_id") String addressId, String email,
            @JsonProperty("device_id") String deviceId, @JsonProperty("account_id") String accountId,
            @JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName, String phone,
            String description,
            @JsonProperty("media_url") @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "an http(s) URL"
                    + " of the citizen's own photo: kept as given and shown back as the request's media_url until the ticket"
                    + " has a photo of its own; the service never fetches it") String mediaUrl) {
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getComponents().addSchema("Open311Error", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("GeoReport v2's error: the HTTP status as code, and what went wrong")
                .required(List.of("code", "description"))
                .addProperty("code", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("description", OASFactory.createSchema().addType(SchemaType.STRING)));
        Schema form = openAPI.getComponents().getSchemas().get("Open311FilingForm");
        if (form != null) {
            describe(form);
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(Open311Errors.PREFIX)) {
                item.getOperations().forEach((method, operation) -> describe(path, method, operation));
            }
        });
    }

    /**
     * The form's fields are text on the wire, and a validator reading the form as JSON reads a value that
     * looks like a number as one: so lat and long are numbers in range, and the other fields, whose values
     * may be all digits (a phone, a device id), say their bounds without a type.
     */
    private static void describe(Schema form) {
        form.setRequired(List.of("service_code"));
        form.getProperties().forEach((name, field) -> {
            if (name.equals("lat") || name.equals("long")) {
                double bound = name.equals("lat") ? 90 : 180;
                field.setType(List.of(SchemaType.NUMBER));
                field.setPattern(null);
                field.minimum(java.math.BigDecimal.valueOf(-bound)).maximum(java.math.BigDecimal.valueOf(bound));
            } else {
                field.setType(null);
                field.maxLength(FIELD_LENGTHS.getOrDefault(name, 200));
            }
        });
    }

    private static final Map<String, Integer> FIELD_LENGTHS = Map.of("description", 4000, "email", 254, "first_name", 25,
            "last_name", 25, "phone", 20, "media_url", 1000, "service_code", 40, "device_id", 100, "address_id", 100);

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        operation.setSecurity(List.of());
        List<String> query = method == PathItem.HttpMethod.POST || path.endsWith("/discovery.{format}") ? List.of()
                : path.endsWith("/requests.{format}")
                        ? List.of("api_key", "jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date", "status")
                        : List.of("api_key", "jurisdiction_id");
        for (String name : query) {
            if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> p.getName().equals(name))) {
                continue; // the filter runs at build and again at start
            }
            operation.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.QUERY).description(QUERY.get(name))
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(name.equals("service_request_id") ? 2000 : 200)));
        }
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(p -> p.getIn() == Parameter.In.PATH && "format".equals(p.getName()))
                    .forEach(p -> p.schema(OASFactory.createSchema().addType(SchemaType.STRING).enumeration(List.of("json", "xml"))));
            // a path template's regular expression matches the whole segment; in the document it must say so (ECMA-262
            // patterns match anywhere in the value unless anchored)
            operation.getParameters().stream().filter(p -> p.getIn() == Parameter.In.PATH && p.getSchema() != null
                    && p.getSchema().getPattern() != null && !p.getSchema().getPattern().startsWith("^"))
                    .forEach(p -> p.getSchema().pattern("^" + p.getSchema().getPattern() + "$"));
        }
        ERRORS.forEach((status, description) -> operation.getResponses().addAPIResponse(status, error(description)));
        if (method == PathItem.HttpMethod.POST) {
            operation.getResponses().addAPIResponse("413", error("The body is larger than the service takes"));
            operation.getResponses().addAPIResponse("415", error("The body is not application/x-www-form-urlencoded"));
        }
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse error(String description) {
        Schema list = OASFactory.createSchema().addType(SchemaType.ARRAY).items(OASFactory.createSchema().ref(ERROR_REF));
        Content content = OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType().schema(list))
                .addMediaType("text/xml", OASFactory.createMediaType().schema(OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("<errors><error><code/><description/></error></errors>")));
        return OASFactory.createAPIResponse().description(description).content(content);
    }
}
