package io.gridloop.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.gridloop.region.RegionType;
import io.gridloop.shared.ImportCounts;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Bulk;
import io.gridloop.shared.sql.Jdbc;
import io.gridloop.shared.sql.Where;

/**
 * What other features may know of accounts: the account feature owns {@code account} and
 * {@code role_binding}, and this (with {@link Recipients} and {@link ClaimEligibility} for SQL) is the
 * only way in for everyone else. Answers are records, never entities.
 */
@Singleton
public class Accounts {

    /** How to reach a person: the name shown, and the phone (personal data: mask it unless the reader may see it). */
    public record Contact(long id, String name, String phone) {
    }

    /** A role binding to import: the role, and the region or unit it is held in. */
    public record ImportedRole(Role role, Long regionId, Long unitId) {
    }

    private final EntityManager entityManager;
    private final Jdbc jdbc;
    private final Passwords passwords;

    Accounts(EntityManager entityManager, Jdbc jdbc, Passwords passwords) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /**
     * The type of region a role is held in (SPEC §1.2): residents, grid members and grid leaders a grid,
     * party members and community admins a community, district admins the district; none for a unit
     * handler (held in a unit) or an integration (any region).
     */
    public static Optional<RegionType> boundTo(Role role) {
        return Optional.ofNullable(switch (role) {
            case RESIDENT, GRID_MEMBER, GRID_LEADER -> RegionType.GRID;
            case PARTY_MEMBER, COMMUNITY_ADMIN -> RegionType.COMMUNITY;
            case DISTRICT_ADMIN -> RegionType.DISTRICT;
            case UNIT_HANDLER, INTEGRATION -> null;
        });
    }

    /** A password's hash as sign-in checks it (slow on purpose: hash once, use for many accounts). */
    public String passwordHash(String password) {
        return passwords.hash(password);
    }

    /** The ids of the district's accounts with these usernames (as written, case-insensitively); unknown ones are absent. */
    public Map<String, Long> ids(long districtId, Collection<String> usernames) {
        Map<String, Long> ids = new java.util.HashMap<>();
        for (String username : usernames) {
            entityManager.createNativeQuery("SELECT id FROM account WHERE district_id = ?1 AND lower(username) = lower(?2)", Long.class)
                    .setParameter(1, districtId).setParameter(2, username).getResultList().stream().findFirst()
                    .ifPresent(id -> ids.put(username, ((Number) id).longValue()));
        }
        return ids;
    }

    /**
     * SQL: the name and the phone of the account with the given id (a column or a named parameter), as two columns,
     * both NULL for none: for a statement that finds rows naming accounts to read their contacts with them. {@link
     * #contact} reads them back.
     */
    public static String contactSql(String accountIdSource) {
        String id = Where.columnOrParameter(accountIdSource);
        return "(SELECT a.name FROM account a WHERE a.id = " + id + "), (SELECT a.phone FROM account a WHERE a.id = " + id
                + ")";
    }

    /** The contact of the account {@code id} in the two columns of {@link #contactSql} from {@code index}; none for none. */
    public static Optional<Contact> contact(ResultSet row, int index, Long id) throws SQLException {
        String name = row.getString(index);
        return id == null || name == null ? Optional.empty() : Optional.of(new Contact(id, name, row.getString(index + 1)));
    }

    /** The contacts of these accounts, by id; unknown ids are absent. */
    public Map<Long, Contact> contacts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // every ticket view asks: by JDBC, one statement for any number of ids
        Where.Jdbc in = Bulk.in("id", ids);
        return jdbc.rows("SELECT id, name, phone FROM account WHERE " + in.sql(),
                row -> new Contact(row.getLong(1), row.getString(2), row.getString(3)), in.parameters())
                .stream().collect(Collectors.toMap(Contact::id, Function.identity()));
    }

    /**
     * Gives the account the role in the region as a registration's (双报到 confirmed: the member becomes
     * a PARTY_MEMBER of the community), in the caller's transaction: a binding it holds there already
     * becomes the registration's. A new import of the district file keeps such a binding ({@link #imported}).
     * Taking effect on the account's next request, as every binding does.
     */
    @Transactional(TxType.MANDATORY)
    public void bind(long accountId, Role role, long regionId) {
        entityManager.createNativeQuery("""
                WITH held AS (
                    UPDATE role_binding b SET registered = true WHERE b.account_id = :account AND b.role = :role AND b.region_id = :region
                    RETURNING b.id)
                INSERT INTO role_binding (id, account_id, district_id, role, region_id, registered)
                SELECT nextval('role_binding_seq'), a.id, a.district_id, :role, :region, true FROM account a
                 WHERE a.id = :account AND NOT EXISTS (SELECT 1 FROM held)""")
                .setParameter("role", role.name()).setParameter("region", regionId).setParameter("account", accountId)
                .executeUpdate();
    }

    /** The id of the district's account with this username (case-insensitively), if there is one. */
    public Optional<Long> idOf(long districtId, String username) {
        List<?> ids = entityManager.createNativeQuery("SELECT id FROM account WHERE lower(username) = lower(:username)"
                + " AND district_id = :district").setParameter("username", username).setParameter("district", districtId)
                .getResultList();
        return ids.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    /** An account to import, with every role binding it is to have; {@code passwordHash} null keeps or leaves none. */
    public record ImportedAccount(String username, String name, String phone, String passwordHash, List<ImportedRole> roles) {
    }

    /** The usernames among these that accounts of another district hold (an import must not touch them). */
    public List<String> heldElsewhere(long districtId, List<String> usernames) {
        return jdbc.rows("""
                SELECT a.username FROM account a JOIN unnest(?::text[]) AS v (username) ON lower(a.username) = lower(v.username)
                WHERE a.district_id <> ?""", row -> row.getString(1), usernames.toArray(String[]::new), districtId);
    }

    /**
     * Accounts from an import file, by username: made when missing (with {@code initialPasswordHash}
     * unless the row has its own hash; none when that is null), their name, phone and (when the row has one) password hash
     * updated when they differ; and each listed account's role bindings made exactly the row's, except
     * those a confirmed registration gave ({@link #bind}), which stay. An account the file does not list
     * is left alone. Call {@link #heldElsewhere} first.
     */
    @Transactional(TxType.MANDATORY)
    public ImportCounts imported(long districtId, List<ImportedAccount> rows, Supplier<String> initialPasswordHash) {
        String[] usernames = rows.stream().map(ImportedAccount::username).toArray(String[]::new);
        String[] names = rows.stream().map(ImportedAccount::name).toArray(String[]::new);
        String[] phones = rows.stream().map(ImportedAccount::phone).toArray(String[]::new);
        String[] hashes = rows.stream().map(ImportedAccount::passwordHash).toArray(String[]::new);
        // bcrypt is slow on purpose: the initial hash is made only when an account without its own is to be made
        boolean needsInitial = initialPasswordHash != null && !jdbc.rows("""
                SELECT 1 FROM unnest(?::text[], ?::text[]) AS v (username, hash)
                WHERE v.hash IS NULL AND NOT EXISTS (SELECT 1 FROM account a WHERE lower(a.username) = lower(v.username))
                LIMIT 1""", row -> row.getInt(1), usernames, hashes).isEmpty();
        String initial = needsInitial ? initialPasswordHash.get() : null;
        Set<Long> created = new HashSet<>(jdbc.rows("""
                INSERT INTO account (id, district_id, username, password_hash, name, phone)
                SELECT nextval('account_seq'), ?, v.username, COALESCE(v.hash, ?), v.name, v.phone
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS v (username, name, phone, hash)
                WHERE NOT EXISTS (SELECT 1 FROM account a WHERE lower(a.username) = lower(v.username))
                RETURNING id""", row -> row.getLong(1), districtId, initial, usernames, names, phones, hashes));
        Set<Long> changed = new HashSet<>(jdbc.rows("""
                UPDATE account a SET name = v.name, phone = v.phone, password_hash = COALESCE(v.hash, a.password_hash),
                    version = a.version + 1
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS v (username, name, phone, hash)
                WHERE lower(a.username) = lower(v.username) AND a.district_id = ?
                  AND (a.name, a.phone, a.password_hash) IS DISTINCT FROM (v.name, v.phone, COALESCE(v.hash, a.password_hash))
                RETURNING a.id""", row -> row.getLong(1), usernames, names, phones, hashes, districtId));
        List<String> bindingUsers = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        List<Long> regions = new ArrayList<>();
        List<Long> units = new ArrayList<>();
        for (ImportedAccount row : rows) {
            for (ImportedRole role : row.roles()) {
                bindingUsers.add(row.username());
                roles.add(role.role().name());
                regions.add(role.regionId());
                units.add(role.unitId());
            }
        }
        Object[] wanted = { bindingUsers.toArray(String[]::new), roles.toArray(String[]::new), regions.toArray(Long[]::new),
                units.toArray(Long[]::new) };
        // bindings compare on coalesce(…, 0): equality, so both statements are hash joins, not a scan per row
        changed.addAll(jdbc.rows("""
                WITH wanted AS (
                    SELECT a.id AS account_id, w.role, coalesce(w.region_id, 0) AS region_id, coalesce(w.unit_id, 0) AS unit_id
                    FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS w (username, role, region_id, unit_id)
                    JOIN account a ON lower(a.username) = lower(w.username))
                DELETE FROM role_binding b
                WHERE b.account_id IN (SELECT a.id FROM account a JOIN unnest(?::text[]) AS v (username)
                                       ON lower(a.username) = lower(v.username))
                  AND NOT b.registered
                  AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.account_id = b.account_id AND w.role = b.role
                                  AND w.region_id = coalesce(b.region_id, 0) AND w.unit_id = coalesce(b.unit_id, 0))
                RETURNING b.account_id""", row -> row.getLong(1), wanted[0], wanted[1], wanted[2], wanted[3], usernames));
        changed.addAll(jdbc.rows("""
                INSERT INTO role_binding (id, account_id, district_id, role, region_id, unit_id)
                SELECT nextval('role_binding_seq'), a.id, ?, w.role, w.region_id, w.unit_id
                FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS w (username, role, region_id, unit_id)
                JOIN account a ON lower(a.username) = lower(w.username)
                WHERE NOT EXISTS (SELECT 1 FROM role_binding b WHERE b.account_id = a.id AND b.role = w.role
                                  AND coalesce(b.region_id, 0) = coalesce(w.region_id, 0)
                                  AND coalesce(b.unit_id, 0) = coalesce(w.unit_id, 0))
                RETURNING account_id""", row -> row.getLong(1), districtId, wanted[0], wanted[1], wanted[2], wanted[3]));
        changed.removeAll(created);
        return ImportCounts.of(rows.size(), created.size(), changed.size());
    }
}
