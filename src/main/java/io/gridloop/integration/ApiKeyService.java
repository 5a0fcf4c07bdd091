package io.gridloop.integration;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.gridloop.audit.Audit;
import io.gridloop.audit.AuditKind;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.web.SafeText;

/** The district admin's integration keys. The key itself is shown once, when it is made. */
@ApplicationScoped
public class ApiKeyService {

    record CreateApiKey(@NotBlank @Size(max = 100) @Pattern(regexp = SafeText.LINE) String name,
            @NotNull Long regionId) {
    }

    record ApiKeyView(Long id, String name, Long regionId, String keyPrefix, OffsetDateTime createdAt,
            @Schema(nullable = true) OffsetDateTime revokedAt) {

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id, key.name, key.regionId, key.keyPrefix, key.createdAt, key.revokedAt);
        }
    }

    /** The answer to a create: the only time the key is ever shown. */
    record NewApiKey(Long id, String name, Long regionId, String keyPrefix, String key) {
    }

    private final Caller caller;
    private final Regions regions;
    private final Audit audit;

    ApiKeyService(Caller caller, Regions regions, Audit audit) {
        this.caller = caller;
        this.regions = regions;
        this.audit = audit;
    }

    @Transactional
    NewApiKey create(CreateApiKey request) {
        if (regions.path(caller.districtId(), request.regionId()).isEmpty()) {
            throw ProblemException.invalidField("regionId", "field.not-found");
        }
        String secret = ApiKeys.generate();
        ApiKey key = new ApiKey();
        key.districtId = caller.districtId();
        key.regionId = request.regionId();
        key.name = request.name().strip();
        key.keyHash = ApiKeys.hash(secret);
        key.keyPrefix = ApiKeys.prefix(secret);
        key.persist();
        audit.record(key.districtId, AuditKind.API_KEY_CREATED, caller.accountId(), "api_key", key.id,
                Map.of("name", key.name, "regionId", key.regionId, "keyPrefix", key.keyPrefix));
        return new NewApiKey(key.id, key.name, key.regionId, key.keyPrefix, secret);
    }

    Page<ApiKeyView> list(int limit, String cursor) {
        List<ApiKey> rows = ApiKey.<ApiKey>find("districtId = ?1 and id > ?2 order by id", caller.districtId(),
                Cursors.after(cursor)).page(0, limit + 1).list();
        return Page.of(rows, limit, k -> k.id, ApiKeyView::of);
    }

    @Transactional
    void revoke(long id) {
        ApiKey key = ApiKey.<ApiKey>findByIdOptional(id)
                .filter(k -> k.districtId == caller.districtId())
                .orElseThrow(ProblemException::notFound);
        if (key.revokedAt == null) {
            key.revokedAt = OffsetDateTime.now();
            audit.record(key.districtId, AuditKind.API_KEY_REVOKED, caller.accountId(), "api_key", key.id,
                    Map.of("name", key.name, "keyPrefix", key.keyPrefix));
        }
    }
}
