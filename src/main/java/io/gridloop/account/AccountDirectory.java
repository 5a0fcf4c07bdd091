package io.gridloop.account;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.gridloop.region.Regions;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Directory;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Jdbc;

/** Who a signed-in caller is now: the account, if enabled, its name and phone, with its role bindings and their regions' paths. */
@Singleton
class AccountDirectory implements Directory.Accounts {

    private static final String SQL = """
            SELECT a.district_id, a.name, a.phone, a.must_change_password, b.role, b.region_id, %s AS region_path, b.unit_id
            FROM account a
            LEFT JOIN role_binding b ON b.account_id = a.id
            WHERE a.id = ? AND a.enabled""".formatted(Regions.pathSql("b.region_id"));

    private final Jdbc jdbc;

    AccountDirectory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every request asks (by design: a removed binding stops working at once), so it is read by {@link Jdbc}, not through
     * a Hibernate session: it is asked before the request's transaction begins, where the ORM would open a session of its
     * own for it (about 2 % of a loop request's samples, docs/benchmarks.md). In a transaction the data source hands out
     * the transaction's own connection, so a request still holds one at a time.
     */
    @Override
    public Optional<Directory.Entry> account(long accountId) {
        List<Row> rows = jdbc.rows(SQL, row -> new Row(row.getLong("district_id"), row.getString("name"),
                row.getString("phone"), row.getBoolean("must_change_password"), row.getString("role"),
                row.getObject("region_id", Long.class), row.getString("region_path"), row.getObject("unit_id", Long.class)),
                accountId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Binding> bindings = rows.stream().filter(row -> row.role() != null)
                .map(row -> new Binding(Role.valueOf(row.role()), row.regionId(), row.regionPath(), row.unitId())).toList();
        Row account = rows.get(0);
        return Optional.of(new Directory.Entry(accountId, account.districtId(), account.name(), account.phone(), bindings,
                account.mustChangePassword()));
    }

    /** One row of the statement: the account, and one of its bindings (all null without any). */
    private record Row(long districtId, String name, String phone, boolean mustChangePassword, String role, Long regionId,
            String regionPath, Long unitId) {
    }
}
