package io.gridloop.hotline;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.shared.web.SafeText;

/** The intake's body: the other system's name and id for the matter, the ticket's fields, and who called. */
final class HotlineRequests {

    /** Names and ids of other systems: letters, digits and - _ . : only, so they sit in a path unescaped. */
    static final String EXTERNAL = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";

    private HotlineRequests() {
    }

    enum Channel { HOTLINE, INTEGRATION }

    record CallLocation(
            @DecimalMin("-90") @DecimalMax("90") Double lat,
            @DecimalMin("-180") @DecimalMax("180") Double lng,
            @Size(max = 200) @Pattern(regexp = SafeText.LINE) String address) {
    }

    record CallerInfo(
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String name,
            @Size(max = 20) @Pattern(regexp = "^[0-9+\\- ]*$")
            @Schema(description = "personal data: answered masked (138****5678)") String phone) {
    }

    record FileExternal(
            @NotBlank @Size(max = 40) @Pattern(regexp = EXTERNAL)
            @Schema(description = "the filing system's name for itself, e.g. 12345") String source,
            @NotBlank @Size(max = 100) @Pattern(regexp = EXTERNAL)
            @Schema(description = "the matter's id in that system; (source, externalId) is filed once") String externalId,
            @Schema(description = "HOTLINE for the 12345 hotline (the default), INTEGRATION for other systems") Channel channel,
            @NotBlank @Size(max = 40) String categoryCode,
            @NotBlank @Size(min = 1, max = 100) @Pattern(regexp = SafeText.LINE) String title,
            @Size(max = 4000) @Pattern(regexp = SafeText.TEXT) String description,
            @Valid CallLocation location,
            @Schema(description = "a grid in the key's jurisdiction; without it, the grid that holds the location, else the key's grid when it is bound to one") Long gridId,
            boolean anonymous,
            @Valid @NotNull CallerInfo caller) {
    }
}
