package io.gridloop.account;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import io.gridloop.region.Regions;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Directory;
import io.gridloop.shared.security.Role;

/** Who a signed-in caller is now: the account, if enabled, its name and phone, with its role bindings and their regions' paths. */
@ApplicationScoped
class AccountDirectory implements Directory.Accounts {

    private static final String SQL = """
            SELECT a.district_id, a.name, a.phone, a.must_change_password, b.role, b.region_id, %s AS region_path, b.unit_id
            FROM account a
            LEFT JOIN role_binding b ON b.account_id = a.id
            WHERE a.id = ?1 AND a.enabled""".formatted(Regions.pathSql("b.region_id"));

    private final EntityManager entityManager;

    AccountDirectory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Optional<Directory.Entry> account(long accountId) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = entityManager.createNativeQuery(SQL, Tuple.class).setParameter(1, accountId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Binding> bindings = rows.stream().filter(row -> row.get("role") != null)
                .map(row -> new Binding(Role.valueOf(row.get("role", String.class)), row.get("region_id", Long.class),
                        row.get("region_path", String.class), row.get("unit_id", Long.class)))
                .toList();
        Tuple account = rows.get(0);
        return Optional.of(new Directory.Entry(accountId, account.get("district_id", Long.class), account.get("name", String.class),
                account.get("phone", String.class), bindings, account.get("must_change_password", Boolean.class)));
    }
}
