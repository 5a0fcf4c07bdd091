package io.gridloop.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.shared.web.ReadOnlyFields;
import io.gridloop.shared.web.SafeText;

/** The category bodies: what clients send and what they get back. */
final class CategoryViews {

    private CategoryViews() {
    }

    record TimeLimit(@NotNull @Min(1) @Max(8760) Integer value, @NotNull LimitUnit unit) {
    }

    /**
     * A whole category; an update sends it whole too, with the code it already has. The category as read
     * with GET may be sent back: its name (in the request's language) and version must be unchanged.
     */
    record CategoryRequest(
            @NotBlank @Pattern(regexp = "^[A-Z0-9_]{2,40}$") String code,
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String nameZh,
            @NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String nameEn,
            @NotBlank @Size(max = 50) @Pattern(regexp = SafeText.LINE) String group,
            @NotNull MatterClass defaultMatterClass,
            @NotNull @Valid TimeLimit responseLimit,
            @NotNull @Valid TimeLimit resolutionLimit,
            boolean verificationRequired,
            @Size(max = 20) List<@NotNull Map<String, Object>> attributes,
            Boolean active,
            @Schema(description = ReadOnlyFields.ECHOED) String name, @Schema(description = ReadOnlyFields.ECHOED) Long version) {
    }

    record CategoryView(String code, String name, String nameZh, String nameEn, String group,
            MatterClass defaultMatterClass, TimeLimit responseLimit, TimeLimit resolutionLimit,
            boolean verificationRequired, List<Map<String, Object>> attributes, boolean active, long version) {

        static CategoryView of(Category category, Locale locale) {
            return new CategoryView(category.code,
                    Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? category.nameEn : category.nameZh,
                    category.nameZh, category.nameEn, category.group, category.defaultMatterClass,
                    new TimeLimit(category.responseLimit, category.responseLimitUnit),
                    new TimeLimit(category.resolutionLimit, category.resolutionLimitUnit),
                    category.verificationRequired, category.attributes, category.active, category.version);
        }
    }
}
