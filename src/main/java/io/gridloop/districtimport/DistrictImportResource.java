package io.gridloop.districtimport;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.problem.ProblemType;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.quarkus.security.Authenticated;

@Path(DistrictFiles.PATH)
@Tag(name = "District import", description = "The district's regions, units, categories, calendar and people from one file")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed(Role.DISTRICT_ADMIN)
public class DistrictImportResource {

    private final DistrictImport imports;
    private final Caller caller;

    DistrictImportResource(DistrictImport imports, Caller caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    @Consumes({ DistrictFiles.YAML, MediaType.APPLICATION_JSON })
    @Operation(summary = "Import the district's data (the format of seeds/demo-district.yaml) in one transaction: rows found "
            + "by their natural key are updated, others created; importing the same file again changes nothing")
    @RequestBody(required = true, content = {
            @Content(mediaType = DistrictFiles.YAML, schema = @Schema(implementation = DistrictFile.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DistrictFile.class)) })
    @APIResponse(responseCode = "200", description = "Imported; what was created, updated and left unchanged, per kind",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DistrictImport.Report.class)))
    @APIResponse(responseCode = "413", description = "The file is over gridloop.district-import.max-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Nothing was imported: `violations` names every wrong row and field by its "
            + "path in the file", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DistrictImport.Report importFile(DistrictFile file) {
        if (file == null) {
            throw new ProblemException(ProblemType.MALFORMED_BODY, "malformed-body.detail");
        }
        return imports.run(caller.districtId(), caller.accountId(), file, null);
    }
}
