package io.gridloop.integration;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.region.Regions;
import io.gridloop.shared.ImportCounts;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Directory;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Jdbc;

/**
 * Who an API-key caller is now: the key's district and the region it acts in, as an INTEGRATION
 * binding; a key revoked since the request was authenticated is no one. Also the import of keys
 * from a seed file, by their hash, so importing again adds nothing.
 */
@ApplicationScoped
public class ApiKeyDirectory implements Directory.ApiKeys {

    private final Regions regions;
    private final Jdbc jdbc;

    ApiKeyDirectory(Regions regions, Jdbc jdbc) {
        this.regions = regions;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Directory.Entry> apiKey(Object keyId) {
        return ApiKey.<ApiKey>findByIdOptional(((Number) keyId).longValue()).filter(k -> k.revokedAt == null)
                .map(k -> new Directory.Entry(0, k.districtId, null, null, List.of(new Binding(Role.INTEGRATION, k.regionId,
                        regions.path(k.districtId, k.regionId).orElse(null), null)), false));
    }

    /** An API key to import: its secret is known to the file's readers, so only its hash is kept. */
    public record ImportedKey(long regionId, String name, String secret) {
    }

    /** Keys from an import file, by their secret's hash: made when missing, their name and region set to the file's. */
    @Transactional(TxType.MANDATORY)
    public ImportCounts imported(long districtId, List<ImportedKey> keys) {
        Long[] regions = keys.stream().map(ImportedKey::regionId).toArray(Long[]::new);
        String[] names = keys.stream().map(ImportedKey::name).toArray(String[]::new);
        String[] hashes = keys.stream().map(k -> ApiKeys.hash(k.secret())).toArray(String[]::new);
        String[] prefixes = keys.stream().map(k -> ApiKeys.prefix(k.secret())).toArray(String[]::new);
        int created = jdbc.update("""
                INSERT INTO api_key (id, district_id, region_id, name, key_hash, key_prefix)
                SELECT nextval('api_key_seq'), ?, v.region_id, v.name, v.key_hash, v.key_prefix
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS v (region_id, name, key_hash, key_prefix)
                ON CONFLICT (key_hash) DO NOTHING""", districtId, regions, names, hashes, prefixes);
        int updated = jdbc.update("""
                UPDATE api_key k SET region_id = v.region_id, name = v.name
                FROM unnest(?::bigint[], ?::text[], ?::text[]) AS v (region_id, name, key_hash)
                WHERE k.key_hash = v.key_hash AND k.district_id = ? AND (k.region_id, k.name) IS DISTINCT FROM (v.region_id, v.name)""",
                regions, names, hashes, districtId);
        return ImportCounts.of(keys.size(), created, updated);
    }
}
