package io.gridloop.integration;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.region.Regions;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Directory;
import io.gridloop.shared.security.Role;

/**
 * Who an API-key caller is now: the key's district and the region it acts in, as an INTEGRATION
 * binding; a key revoked since the request was authenticated is no one. Also the import of keys
 * from a seed file, by their hash, so importing again adds nothing.
 */
@ApplicationScoped
public class ApiKeyDirectory implements Directory.ApiKeys {

    private final Regions regions;

    ApiKeyDirectory(Regions regions) {
        this.regions = regions;
    }

    @Override
    public Optional<Directory.Entry> apiKey(Object keyId) {
        return ApiKey.<ApiKey>findByIdOptional(((Number) keyId).longValue()).filter(k -> k.revokedAt == null)
                .map(k -> new Directory.Entry(0, k.districtId, List.of(new Binding(Role.INTEGRATION, k.regionId,
                        regions.path(k.districtId, k.regionId).orElse(null), null)), false));
    }

    /** The key from a seed file (its secret is known to the seeds' readers), made if no key has that secret. */
    @Transactional(TxType.MANDATORY)
    public void imported(long districtId, long regionId, String name, String secret) {
        ApiKey.getEntityManager().createNativeQuery("""
                INSERT INTO api_key (id, district_id, region_id, name, key_hash, key_prefix)
                VALUES (nextval('api_key_seq'), ?1, ?2, ?3, ?4, ?5) ON CONFLICT (key_hash) DO NOTHING""")
                .setParameter(1, districtId).setParameter(2, regionId).setParameter(3, name)
                .setParameter(4, ApiKeys.hash(secret)).setParameter(5, ApiKeys.prefix(secret)).executeUpdate();
    }
}
