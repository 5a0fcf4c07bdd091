package io.gridloop.shared.security;

import java.util.List;

import jakarta.enterprise.inject.Vetoed;

/**
 * A {@link Caller} made of its bindings, for the rules that read one (TicketPolicy, TicketScope) in
 * tests without Quarkus: what the request-scoped bean would have read from {@code role_binding}.
 * Vetoed, so that a {@code @QuarkusTest} never sees it as a second Caller bean.
 */
@Vetoed
public final class TestCallers extends Caller {

    private final long accountId;
    private final List<Binding> bindings;

    private TestCallers(long accountId, List<Binding> bindings) {
        super(null, null, null);
        this.accountId = accountId;
        this.bindings = List.copyOf(bindings);
    }

    /** Account {@code accountId} holding these bindings, in district 1. */
    public static Caller caller(long accountId, Binding... bindings) {
        return new TestCallers(accountId, List.of(bindings));
    }

    /** A role held in the region with this tree path ({@code /1/2/3/}); its id is the path's last. */
    public static Binding in(Role role, String regionPath) {
        String[] ids = regionPath.split("/");
        return new Binding(role, Long.parseLong(ids[ids.length - 1]), regionPath, null);
    }

    /** A unit handler of this unit. */
    public static Binding handlerOf(long unitId) {
        return new Binding(Role.UNIT_HANDLER, null, null, unitId);
    }

    @Override
    public long accountId() {
        return accountId;
    }

    @Override
    public long districtId() {
        return 1;
    }

    @Override
    public boolean hasRole(Role role) {
        return bindings.stream().anyMatch(b -> b.role() == role);
    }

    @Override
    public List<Binding> bindings() {
        return bindings;
    }

    @Override
    public String principalKey() {
        return "account:" + accountId;
    }
}
