package io.gridloop.lists;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.shared.web.SafeText;

/** What the resource list takes and answers. */
public final class ResourceViews {

    private ResourceViews() {
    }

    /** What is offered (资源清单): volunteer service, a skill, a venue, goods, funding, or something else. */
    public enum ResourceKind {
        VOLUNTEER_SERVICE, SKILL, VENUE, GOODS, FUNDING, OTHER
    }

    /** An offer stays on the list until it is withdrawn, which is for good. */
    public enum ResourceStatus {
        ACTIVE, WITHDRAWN
    }

    static final String PHONE = "^[0-9+\\- ]*$";

    /** A new offer to a community; {@code provider} defaults to the member's name or the unit's. */
    public record NewResource(@NotNull Long communityId, @NotNull ResourceKind kind,
            @NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String title,
            @Size(max = 2000) @Pattern(regexp = SafeText.TEXT) String description,
            @Schema(description = "how much or how many, e.g. 每次可服务5人") @Size(max = 100) @Pattern(regexp = SafeText.LINE)
            String capacity,
            @Schema(description = "when, e.g. 每周六上午") @Size(max = 200) @Pattern(regexp = SafeText.LINE) String availability,
            @Size(max = 50) @Pattern(regexp = SafeText.LINE) String contactName,
            @Size(max = 20) @Pattern(regexp = PHONE) String contactPhone,
            @Schema(description = "who offers it, as the list shows it; defaults to the member's name, or the unit's when a"
                    + " unit's handler offers it; the community admin entering an offer for someone names them here")
            @Size(min = 1, max = 100) @Pattern(regexp = SafeText.LINE) String provider) {
    }

    /**
     * A change of an offer: a field left out (or null) keeps its value; an optional text sent empty is cleared.
     */
    public record ResourceChange(ResourceKind kind,
            @Size(min = 1, max = 100) @Pattern(regexp = SafeText.LINE) String title,
            @Size(max = 2000) @Pattern(regexp = SafeText.TEXT) String description,
            @Size(max = 100) @Pattern(regexp = SafeText.LINE) String capacity,
            @Size(max = 200) @Pattern(regexp = SafeText.LINE) String availability,
            @Size(max = 50) @Pattern(regexp = SafeText.LINE) String contactName,
            @Size(max = 20) @Pattern(regexp = PHONE) String contactPhone,
            @Size(min = 1, max = 100) @Pattern(regexp = SafeText.LINE) String provider) {
    }

    public record ResourceView(long id, long communityId, ResourceKind kind, String title,
            @Schema(nullable = true) String description, @Schema(nullable = true) String capacity,
            @Schema(nullable = true) String availability, String provider,
            @Schema(nullable = true, description = "the unit offering it, when a unit's handler offered it") Long unitId,
            @Schema(nullable = true) String contactName,
            @Schema(nullable = true, description = "masked (138****5678) to everyone but the account that offered it")
            String contactPhone,
            ResourceStatus status, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }
}
