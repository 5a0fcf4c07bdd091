package io.gridloop.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.shared.ImportCounts;
import io.gridloop.shared.sql.Jdbc;

/**
 * A district file's store items (the district import): an item is found by its community and name
 * and made when missing; one that exists is left as it is, since its stock has moved with redemptions
 * since the file was written.
 */
@ApplicationScoped
public class StoreImport {

    /** One item of a file, its community resolved by the import. */
    public record ImportedItem(long communityId, String communityPath, String name, String description, int price, int stock) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    StoreImport(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(TxType.MANDATORY)
    public ImportCounts imported(long districtId, List<ImportedItem> items) {
        int created = jdbc.update("""
                INSERT INTO store_item (district_id, community_id, community_path, name, description, price, stock, created_at,
                                        updated_at)
                SELECT ?, v.community_id, v.community_path, v.name, v.description, v.price, v.stock, ?, ?
                  FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::integer[])
                       AS v (community_id, community_path, name, description, price, stock)
                 WHERE NOT EXISTS (SELECT 1 FROM store_item i WHERE i.community_id = v.community_id AND i.name = v.name)""",
                districtId, OffsetDateTime.now(clock), OffsetDateTime.now(clock),
                items.stream().map(ImportedItem::communityId).toArray(Long[]::new),
                items.stream().map(ImportedItem::communityPath).toArray(String[]::new),
                items.stream().map(ImportedItem::name).toArray(String[]::new),
                items.stream().map(i -> i.description() == null ? "" : i.description()).toArray(String[]::new),
                items.stream().map(ImportedItem::price).toArray(Integer[]::new),
                items.stream().map(ImportedItem::stock).toArray(Integer[]::new));
        return ImportCounts.of(items.size(), created, 0);
    }
}
