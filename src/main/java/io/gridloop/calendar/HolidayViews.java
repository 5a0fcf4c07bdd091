package io.gridloop.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.shared.web.ReadOnlyFields;
import io.gridloop.shared.web.SafeText;

/** The bodies of /api/v1/holidays/{year}. */
final class HolidayViews {

    private HolidayViews() {
    }

    static final int MAX_DAYS = 366;

    @Schema(description = "A marked day: a public holiday (working: false) or a weekend make-up working day (调休, working: true)")
    record HolidayDay(@NotNull LocalDate day, @NotNull Boolean working,
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String name) {
    }

    @Schema(description = "The whole calendar of a year, status PUBLISHED (the default) or PROVISIONAL; days not "
            + "listed follow Monday to Friday")
    record ReplaceYear(
            @Schema(implementation = String.class, enumeration = { "PUBLISHED", "PROVISIONAL" },
                    description = "PUBLISHED when absent; NONE is what a year without a calendar reads as") CalendarStatus status,
            @NotNull @Size(max = MAX_DAYS) List<@NotNull @Valid HolidayDay> days,
            @Schema(description = ReadOnlyFields.ECHOED) Integer year, @Schema(description = ReadOnlyFields.ECHOED) Boolean fallback,
            @Schema(description = ReadOnlyFields.ECHOED) OffsetDateTime updatedAt,
            @Schema(description = ReadOnlyFields.ECHOED) Long version) {
    }

    @Schema(description = "A year of the district's calendar; status NONE (fallback: true) means it has none and "
            + "counts Monday to Friday as working days")
    record YearView(int year, CalendarStatus status, boolean fallback,
            @Schema(nullable = true, description = "null while the year has no calendar") OffsetDateTime updatedAt, long version,
            List<HolidayDay> days) {
    }
}
