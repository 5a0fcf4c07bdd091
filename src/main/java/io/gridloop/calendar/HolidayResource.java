package io.gridloop.calendar;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.gridloop.calendar.HolidayViews.ReplaceYear;
import io.gridloop.calendar.HolidayViews.YearView;
import io.gridloop.shared.security.Allowed;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Responses;
import io.quarkus.security.Authenticated;

@Path("/api/v1/holidays/{year}")
@Tag(name = "Calendar", description = "The district's holiday calendar (节假日与调休), which working-day time limits count by")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Allowed(apiKeys = true)
public class HolidayResource {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    private final HolidayService holidays;

    HolidayResource(HolidayService holidays) {
        this.holidays = holidays;
    }

    @GET
    @Operation(summary = "Read a year of the calendar; a year without one answers status NONE (Monday to Friday) and ETag \"0\"")
    public RestResponse<YearView> get(@PathParam("year") @Min(FIRST_YEAR) @Max(LAST_YEAR) int year) {
        YearView view = holidays.read(year);
        return Responses.tagged(view, view.version());
    }

    @PUT
    @Allowed(Role.DISTRICT_ADMIN)
    @Operation(summary = "Replace the whole year: its status and every holiday and make-up working day (If-Match required; "
            + "\"0\" for a year that has no calendar yet)")
    public RestResponse<YearView> replace(@PathParam("year") @Min(FIRST_YEAR) @Max(LAST_YEAR) int year,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull ReplaceYear request) {
        YearView view = holidays.replace(year, ifMatch, request);
        return Responses.tagged(view, view.version());
    }
}
