package io.gridloop.open311;

import java.net.URI;
import java.util.Locale;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridloop.shared.problem.Messages;
import io.gridloop.shared.web.WebConfig;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): each resource in JSON or XML by its
 * suffix. Who may call is decided by the service from the {@code api_key} parameter ({@code @PermitAll}
 * here: the catalogue is public, requests need a key); errors and the rest of the document are
 * GeoReport's own ({@link Open311Errors}, {@link Open311Document}).
 */
@Path("/open311/v2")
@PermitAll
@Tag(name = Open311Document.TAG, description = Open311Document.TAG_DESCRIPTION)
public class Open311Resource {

    private static final String FORMAT = "{format:json|xml}";
    private static final String JSON = MediaType.APPLICATION_JSON;
    private static final String XML = "text/xml";

    private final Open311Service open311;
    private final ObjectMapper json;
    private final String baseUrl;

    Open311Resource(Open311Service open311, ObjectMapper json, WebConfig web) {
        this.open311 = open311;
        this.json = json;
        String url = web.publicBaseUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @GET
    @Path("/discovery." + FORMAT)
    @Operation(summary = "Open311 discovery: the endpoint, its formats and how to get a key")
    @APIResponse(responseCode = "200", description = "The discovery document", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = Open311Views.Discovery.class)),
            @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, description = "<discovery>")) })
    public Response discovery(@PathParam("format") String format) {
        return answer(format, "discovery", open311.discovery(baseUrl));
    }

    @GET
    @Path("/services." + FORMAT)
    @Operation(summary = "The service catalogue (categories) in the request's language (Accept-Language zh-CN or en)")
    @APIResponse(responseCode = "200", description = "The district's active categories", content = {
            @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Service.class)),
            @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, description = "<services><service>")) })
    public Response services(@PathParam("format") String format, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return answer(format, "services", open311.services(Open311Params.of(uri.getQueryParameters(), null), locale(language)));
    }

    @GET
    @Path("/services/{service_code:[A-Z0-9_]+}." + FORMAT)
    @Operation(summary = "A service's definition: the attributes a filing of it takes")
    @APIResponse(responseCode = "200", description = "The service definition", content = {
            @Content(mediaType = JSON, schema = @Schema(implementation = Open311Views.Definition.class)),
            @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, description = "<service_definition>")) })
    public Response definition(@PathParam("service_code") String code, @PathParam("format") String format, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return answer(format, "service_definition",
                open311.definition(code, Open311Params.of(uri.getQueryParameters(), null), locale(language)));
    }

    @POST
    @Path("/requests." + FORMAT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "File a service request (a ticket of source OPEN311) with an api_key, form-encoded",
            description = "A retry with the same fields from the same key within the retry window (10 minutes by default)"
                    + " answers 200 with the request filed first instead of filing again.")
    @APIResponse(responseCode = "201", description = "Filed", content = {
            @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Filed.class)),
            @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, description = "<service_requests><request>")) },
            headers = @Header(name = HttpHeaders.LOCATION, description = "the new request, under the public base URL, in the"
                    + " format asked for", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "200", description = "A retry: the request filed first with the same fields", content = {
            @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Filed.class)),
            @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, description = "<service_requests><request>")) })
    public Response file(@PathParam("format") String format, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                    schema = @Schema(implementation = Open311Document.FilingForm.class))) MultivaluedMap<String, String> form) {
        Open311Service.Filing filing = open311.file(Open311Params.of(uri.getQueryParameters(), form), locale(language));
        Response answer = answer(format, "service_requests", java.util.List.of(filing.filed()));
        if (filing.replayed()) {
            return answer;
        }
        URI created = URI.create("/open311/v2/requests/" + filing.filed().serviceRequestId() + "." + format);
        return Response.fromResponse(answer).status(201).header(HttpHeaders.LOCATION, created).build();
    }

    @GET
    @Path("/requests." + FORMAT)
    @Operation(summary = "Service requests in the key's jurisdiction: by ids, or filed in a period (90 days at most), by service and status")
    @APIResponse(responseCode = "200", description = "The requests, newest first, at most 1,000", content = {
            @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Request.class)),
            @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, description = "<service_requests><request>")) })
    public Response requests(@PathParam("format") String format, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return answer(format, "service_requests",
                open311.requests(Open311Params.of(uri.getQueryParameters(), null), locale(language)));
    }

    @GET
    @Path("/requests/{service_request_id:[0-9]+}." + FORMAT)
    @Operation(summary = "One service request, as a list of one (as GeoReport v2 answers it)")
    @APIResponse(responseCode = "200", description = "The request", content = {
            @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Request.class)),
            @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, description = "<service_requests><request>")) })
    public Response request(@PathParam("service_request_id") String id, @PathParam("format") String format, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return answer(format, "service_requests",
                java.util.List.of(open311.request(id, Open311Params.of(uri.getQueryParameters(), null), locale(language))));
    }

    @GET
    @Path("/tokens/{token:[0-9a-f-]+}." + FORMAT)
    @Operation(summary = "The service request a token stands for")
    @APIResponse(responseCode = "200", description = "The request's id", content = {
            @Content(mediaType = JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Open311Views.Token.class)),
            @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING, description = "<service_requests><request>")) })
    public Response token(@PathParam("token") String token, @PathParam("format") String format, @Context UriInfo uri) {
        return answer(format, "service_requests",
                java.util.List.of(open311.token(token, Open311Params.of(uri.getQueryParameters(), null))));
    }

    private Response answer(String suffix, String root, Object body) {
        Open311Format format = Open311Format.of(suffix);
        Object entity = format == Open311Format.XML ? Open311Format.xml(root, json.valueToTree(body)) : body;
        return Response.ok(entity).type(format.mediaType).build();
    }

    private static Locale locale(String acceptLanguage) {
        return Messages.localeOf(acceptLanguage);
    }
}
