package io.gridloop.account;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.gridloop.account.AccountRequests.CreateAccount;
import io.gridloop.account.AccountRequests.RoleRequest;
import io.gridloop.account.AccountRequests.UpdateAccount;
import io.gridloop.account.AccountViews.AccountView;
import io.gridloop.account.AccountViews.MeView;
import io.gridloop.account.AccountViews.RegionRef;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.web.Versions;

/** Accounts and where their roles apply. Staff see the accounts bound inside their own scope. */
@ApplicationScoped
public class AccountService {

    /** Who may read accounts, and over which part of the tree. */
    private static final Role[] STAFF = { Role.DISTRICT_ADMIN, Role.COMMUNITY_ADMIN, Role.GRID_LEADER };

    private final Caller caller;
    private final EntityManager entityManager;
    private final Passwords passwords;

    AccountService(Caller caller, EntityManager entityManager, Passwords passwords) {
        this.caller = caller;
        this.entityManager = entityManager;
        this.passwords = passwords;
    }

    @Transactional
    public AccountView create(CreateAccount request) {
        if (Account.findByUsername(request.username()) != null) {
            throw ProblemException.duplicate("account.username-taken", request.username());
        }
        Account account = new Account();
        account.districtId = caller.districtId();
        account.username = request.username();
        account.passwordHash = passwords.hash(request.password());
        account.name = request.name().strip();
        account.phone = request.phone();
        bindAll(account, request.roles());
        account.persist();
        return AccountViews.of(account, false);
    }

    @Transactional
    public AccountView update(long id, String ifMatch, UpdateAccount request) {
        Account account = Account.<Account>findByIdOptional(id)
                .filter(a -> a.districtId == caller.districtId())
                .orElseThrow(ProblemException::notFound);
        Versions.requireMatch(ifMatch, account.version);
        account.name = request.name().strip();
        account.phone = request.phone();
        account.enabled = request.enabled();
        account.roles.clear();
        entityManager.flush();
        bindAll(account, request.roles());
        // the roles live in their own table: bump the version so the ETag tells of their change too
        entityManager.lock(account, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        entityManager.flush();
        return AccountViews.of(account, id == caller.accountId());
    }

    private void bindAll(Account account, List<RoleRequest> roles) {
        java.util.Set<RoleRequest> distinct = new java.util.HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            RoleRequest role = roles.get(i);
            checkBinding(role, "roles[" + i + "]");
            if (distinct.add(role)) {
                account.bind(RoleBinding.of(role.role(), role.regionId(), role.unitId()));
            }
        }
    }

    public AccountView get(long id) {
        if (id == caller.accountId()) {
            return AccountViews.of(Account.findById(id), true);
        }
        List<Long> visible = inScope(id, Long.MIN_VALUE, null, null, 1);
        if (visible.isEmpty()) {
            throw ProblemException.notFound();
        }
        return AccountViews.of(Account.findById(id), false);
    }

    public Page<AccountView> list(Long regionId, Role role, int limit, String cursor) {
        List<Long> ids = inScope(null, Cursors.after(cursor), regionId, role, limit + 1);
        List<Account> rows = ids.isEmpty() ? List.of()
                : Account.<Account>list("id in ?1 order by id", ids);
        return Page.of(rows, limit, a -> a.id, a -> AccountViews.of(a, a.id == caller.accountId()));
    }

    public MeView me() {
        Account account = Account.findById(caller.accountId());
        List<Long> regionIds = caller.bindings().stream().map(Binding::regionId).filter(java.util.Objects::nonNull).distinct().toList();
        @SuppressWarnings("unchecked")
        List<Object[]> regions = regionIds.isEmpty() ? List.of()
                : entityManager.createNativeQuery("SELECT id, name, type FROM region WHERE id IN (?1) ORDER BY path")
                        .setParameter(1, regionIds).getResultList();
        return new MeView(AccountViews.of(account, true),
                caller.bindings().stream().map(Binding::role).distinct().sorted().toList(),
                regions.stream().map(r -> new RegionRef(((Number) r[0]).longValue(), (String) r[1], (String) r[2])).toList());
    }

    /**
     * The ids of accounts holding a role somewhere under the caller's staff scope, in SQL so that
     * scope and paging are applied together.
     */
    @SuppressWarnings("unchecked")
    private List<Long> inScope(Long accountId, long after, Long regionId, Role role, int limit) {
        List<String> scope = caller.scopePaths(STAFF);
        if (scope.isEmpty()) {
            return List.of();
        }
        // a district admin sees every account of the district, residents without a home grid included
        boolean districtWide = caller.hasRole(Role.DISTRICT_ADMIN) && caller.covers("/" + caller.districtId() + "/", Role.DISTRICT_ADMIN);
        String sql = """
                SELECT DISTINCT a.id FROM account a
                LEFT JOIN role_binding b ON b.account_id = a.id
                LEFT JOIN region r ON r.id = b.region_id
                LEFT JOIN region g ON g.contact_unit_id = b.unit_id
                WHERE a.district_id = :district AND a.id > :after
                """
                + (districtWide ? "" : " AND (r.path LIKE ANY (string_to_array(:scope, ',')) OR g.path LIKE ANY (string_to_array(:scope, ',')))")
                + (accountId != null ? " AND a.id = :account" : "")
                + (regionId != null ? " AND b.region_id = :region" : "")
                + (role != null ? " AND b.role = :role" : "")
                + " ORDER BY a.id LIMIT :limit";
        var query = entityManager.createNativeQuery(sql)
                .setParameter("district", caller.districtId())
                .setParameter("after", after)
                .setParameter("limit", limit);
        if (!districtWide) {
            query.setParameter("scope", String.join(",", scope.stream().map(p -> p + "%").toList()));
        }
        if (accountId != null) {
            query.setParameter("account", accountId);
        }
        if (regionId != null) {
            query.setParameter("region", regionId);
        }
        if (role != null) {
            query.setParameter("role", role.name());
        }
        return ((List<Number>) query.getResultList()).stream().map(Number::longValue).toList();
    }

    /** A role must be bound where it makes sense (SPEC §1.2), inside the caller's district. */
    private void checkBinding(RoleRequest role, String field) {
        String expectedType = switch (role.role()) {
            case RESIDENT, GRID_MEMBER, GRID_LEADER -> "GRID";
            case PARTY_MEMBER, COMMUNITY_ADMIN -> "COMMUNITY";
            case DISTRICT_ADMIN -> "DISTRICT";
            case INTEGRATION -> null;
            case UNIT_HANDLER -> "";
        };
        if (role.role() == Role.UNIT_HANDLER) {
            long units = role.regionId() != null ? 0 : (long) entityManager.createNativeQuery(
                    "SELECT count(*) FROM unit WHERE id = ?1 AND district_id = ?2")
                    .setParameter(1, role.unitId()).setParameter(2, caller.districtId()).getSingleResult();
            if (role.unitId() == null || units == 0) {
                throw invalid(field);
            }
            return;
        }
        if (role.unitId() != null || (role.regionId() == null && role.role() != Role.RESIDENT)) {
            throw invalid(field);
        }
        if (role.regionId() == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> types = entityManager.createNativeQuery("SELECT type FROM region WHERE id = ?1 AND district_id = ?2")
                .setParameter(1, role.regionId()).setParameter(2, caller.districtId()).getResultList();
        if (types.isEmpty() || (expectedType != null && !expectedType.equals(types.get(0)))) {
            throw invalid(field);
        }
    }

    private static ProblemException invalid(String field) {
        return ProblemException.invalid(List.of(new Problem.Violation(field, "field.role-binding-invalid")));
    }
}
