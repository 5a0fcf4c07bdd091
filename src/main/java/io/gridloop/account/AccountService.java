package io.gridloop.account;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.gridloop.account.AccountRequests.ChangePassword;
import io.gridloop.account.AccountRequests.CreateAccount;
import io.gridloop.account.AccountRequests.RoleRequest;
import io.gridloop.account.AccountRequests.UpdateAccount;
import io.gridloop.account.AccountViews.AccountView;
import io.gridloop.account.AccountViews.MeView;
import io.gridloop.account.AccountViews.RegionRef;
import io.gridloop.audit.Audit;
import io.gridloop.audit.AuditKind;
import io.gridloop.region.Regions;
import io.gridloop.shared.paging.Cursors;
import io.gridloop.shared.paging.Page;
import io.gridloop.shared.privacy.PersonalData;
import io.gridloop.shared.problem.Problem;
import io.gridloop.shared.problem.ProblemException;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Caller;
import io.gridloop.shared.security.RegionPaths;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Where;
import io.gridloop.shared.web.ReadOnlyFields;
import io.gridloop.shared.web.Versions;

/** Accounts and where their roles apply. Staff see the accounts bound inside their own scope. */
@ApplicationScoped
public class AccountService {

    /** Who may read accounts, and over which part of the tree. */
    private static final Role[] STAFF = { Role.DISTRICT_ADMIN, Role.COMMUNITY_ADMIN, Role.GRID_LEADER };

    private final Caller caller;
    private final EntityManager entityManager;
    private final Passwords passwords;
    private final Regions regions;
    private final Audit audit;

    AccountService(Caller caller, EntityManager entityManager, Passwords passwords, Regions regions, Audit audit) {
        this.caller = caller;
        this.entityManager = entityManager;
        this.passwords = passwords;
        this.regions = regions;
        this.audit = audit;
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
        // the administrator knows the password they chose: by default the person picks their own at first sign-in
        account.mustChangePassword = !Boolean.FALSE.equals(request.mustChangePassword());
        bindAll(account, request.roles());
        account.persist();
        audit.record(account.districtId, AuditKind.ACCOUNT_CREATED, caller.accountId(), "account", account.id,
                Map.of("username", account.username, "roles", roleFacts(account.roles),
                        "mustChangePassword", account.mustChangePassword));
        return AccountViews.of(account, false);
    }

    /** The caller's own password: the current one proves it is them; the new one lifts a required change. */
    @Transactional
    public void changeOwnPassword(ChangePassword request) {
        Account account = Account.findById(caller.accountId());
        if (!passwords.matches(request.currentPassword(), account.passwordHash)) {
            throw ProblemException.invalidField("currentPassword", "field.password-incorrect");
        }
        if (request.newPassword().equals(request.currentPassword())) {
            throw ProblemException.invalidField("newPassword", "field.password-unchanged");
        }
        account.passwordHash = passwords.hash(request.newPassword());
        account.mustChangePassword = false;
        audit.record(account.districtId, AuditKind.PASSWORD_CHANGED, account.id, "account", account.id, Map.of());
    }

    @Transactional
    public AccountView update(long id, String ifMatch, UpdateAccount request) {
        Account account = Account.<Account>findByIdOptional(id)
                .filter(a -> a.districtId == caller.districtId())
                .orElseThrow(ProblemException::notFound);
        Versions.requireMatch(ifMatch, account.version);
        ReadOnlyFields.unchanged("id", request.id(), account.id);
        ReadOnlyFields.unchanged("username", request.username(), account.username);
        ReadOnlyFields.unchanged("districtId", request.districtId(), account.districtId);
        ReadOnlyFields.unchanged("version", request.version(), account.version);
        ReadOnlyFields.unchanged("mustChangePassword", request.mustChangePassword(), account.mustChangePassword);
        List<Map<String, Object>> before = roleFacts(account.roles);
        boolean wasEnabled = account.enabled;
        account.name = request.name().strip();
        if (request.phone() == null || !request.phone().contains("*")) {
            account.phone = request.phone();
        } else {
            ReadOnlyFields.unchanged("phone", request.phone(), PersonalData.maskedPhone(account.phone));
        }
        account.enabled = request.enabled();
        account.roles.clear();
        entityManager.flush();
        bindAll(account, request.roles());
        auditChanges(account, before, wasEnabled);
        // the roles live in their own table: bump the version so the ETag tells of their change too
        entityManager.lock(account, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        entityManager.flush();
        return AccountViews.of(account, id == caller.accountId());
    }

    /** Role changes are audited one binding at a time, and so is an account disabled or enabled again. */
    private void auditChanges(Account account, List<Map<String, Object>> before, boolean wasEnabled) {
        List<Map<String, Object>> after = roleFacts(account.roles);
        after.stream().filter(role -> !before.contains(role)).forEach(role -> audit.record(account.districtId,
                AuditKind.ROLE_BOUND, caller.accountId(), "account", account.id, role));
        before.stream().filter(role -> !after.contains(role)).forEach(role -> audit.record(account.districtId,
                AuditKind.ROLE_UNBOUND, caller.accountId(), "account", account.id, role));
        if (wasEnabled != account.enabled) {
            audit.record(account.districtId, account.enabled ? AuditKind.ACCOUNT_ENABLED : AuditKind.ACCOUNT_DISABLED,
                    caller.accountId(), "account", account.id, Map.of());
        }
    }

    /** A binding as the audit records it: role, regionId, unitId (the absent ones left out). */
    static List<Map<String, Object>> roleFacts(List<RoleBinding> roles) {
        return roles.stream().map(b -> {
            Map<String, Object> fact = new java.util.LinkedHashMap<>();
            fact.put("role", b.role.name());
            if (b.regionId != null) {
                fact.put("regionId", b.regionId);
            }
            if (b.unitId != null) {
                fact.put("unitId", b.unitId);
            }
            return fact;
        }).toList();
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
        return new MeView(AccountViews.of(account, true),
                caller.bindings().stream().map(Binding::role).distinct().sorted().toList(),
                regions.named(regionIds).stream().map(r -> new RegionRef(r.id(), r.name(), r.type().name())).toList());
    }

    /**
     * The ids of accounts holding a role somewhere under the caller's staff scope, in SQL so that
     * scope and paging are applied together. A unit handler is in the scope of its unit's grids.
     */
    private List<Long> inScope(Long accountId, long after, Long regionId, Role role, int limit) {
        List<String> scope = caller.scopePaths(STAFF);
        if (scope.isEmpty()) {
            return List.of();
        }
        Where where = Where.of("a.district_id = :district", "district", caller.districtId())
                .and("a.id > :after", "after", after)
                .andIf(accountId, "a.id = :account", "account", accountId)
                .andIf(regionId, "b.region_id = :region", "region", regionId)
                .andIf(role, "b.role = :role", "role", role == null ? null : role.name());
        // a district admin sees every account of the district, residents without a home grid included
        boolean districtWide = caller.covers(RegionPaths.ofDistrict(caller.districtId()), Role.DISTRICT_ADMIN);
        if (!districtWide) {
            // paths are ids and slashes only, so a comma joins them safely
            where.and(("%s LIKE ANY (string_to_array(:scope, ','))"
                    + " OR EXISTS (SELECT 1 FROM (%s) g WHERE g.path LIKE ANY (string_to_array(:scope, ',')))")
                    .formatted(Regions.pathSql("b.region_id"), Regions.contactGridPathsSql("b.unit_id")),
                    "scope", String.join(",", scope.stream().map(p -> p + "%").toList()));
        }
        @SuppressWarnings("unchecked")
        List<Long> ids = where.bind(entityManager.createNativeQuery("""
                SELECT DISTINCT a.id FROM account a LEFT JOIN role_binding b ON b.account_id = a.id
                WHERE %s ORDER BY a.id LIMIT :limit""".formatted(where.sql()), Long.class))
                .setParameter("limit", limit).getResultList();
        return ids;
    }

    /** A role must be bound where it makes sense (SPEC §1.2), inside the caller's district. */
    private void checkBinding(RoleRequest role, String field) {
        String expectedType = Accounts.boundTo(role.role()).map(Enum::name).orElse(null);
        if (role.role() == Role.UNIT_HANDLER) {
            if (role.unitId() == null || role.regionId() != null || !regions.unitExists(caller.districtId(), role.unitId())) {
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
        Optional<String> type = regions.type(caller.districtId(), role.regionId()).map(Enum::name);
        if (type.isEmpty() || (expectedType != null && !expectedType.equals(type.get()))) {
            throw invalid(field);
        }
    }

    private static ProblemException invalid(String field) {
        return ProblemException.invalid(List.of(new Problem.Violation(field, "field.role-binding-invalid")));
    }
}
