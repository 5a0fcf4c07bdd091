package io.gridloop.store;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the store API answers and takes. */
final class StoreViews {

    private StoreViews() {
    }

    enum RedemptionStatus {
        PENDING, FULFILLED, CANCELLED
    }

    record NewStoreItem(@NotNull Long communityId, @NotBlank @Size(max = 100) String name, @Size(max = 1000) String description,
            @NotNull @Min(1) @Max(1_000_000) Integer price, @NotNull @Min(0) @Max(1_000_000) Integer stock) {
    }

    record StoreItemChange(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description,
            @NotNull @Min(1) @Max(1_000_000) Integer price, @NotNull @Min(0) @Max(1_000_000) Integer stock,
            @NotNull Boolean active) {
    }

    record StoreItemView(long id, long communityId, String name, @Schema(nullable = true) String description,
            @Schema(description = "points per piece") int price, int stock, boolean active, long version) {
    }

    record RedeemRequest(@NotNull Long itemId, @NotNull @Min(1) @Max(100) Integer quantity) {
    }

    record RedemptionView(long id, long itemId, long communityId, long accountId, int quantity,
            @Schema(description = "points spent: price × quantity") int points, RedemptionStatus status,
            OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime decidedAt) {
    }
}
