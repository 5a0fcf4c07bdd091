package io.gridloop.inbox;

import static io.gridloop.inbox.InboxFixtures.account;
import static io.gridloop.inbox.InboxFixtures.districtId;
import static io.gridloop.inbox.InboxFixtures.inbox;
import static io.gridloop.inbox.InboxFixtures.regionOf;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.account.Recipients;
import io.gridloop.support.Api;
import io.gridloop.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Who receives what, against the demo district (SPEC §2a): grid leaders, unit handlers, the pool's eligible members. */
@QuarkusTest
class RecipientsTest {

    @Inject
    EntityManager entityManager;

    @Inject
    Inbox inbox;

    @Inject
    AgroalDataSource dataSource;

    private static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    private List<Long> gridLeaders(long gridId) {
        return accounts(Recipients.gridLeadersSql(":id"), gridId);
    }

    private List<Long> unitHandlers(long unitId) {
        return accounts(Recipients.unitHandlersSql(":id"), unitId);
    }

    /** The pool's members of a grid (by the grid's path); a region that is not a grid has none. */
    private List<Long> poolMembers(long gridId) {
        List<Object> path = Sql.column(dataSource, "SELECT path FROM region WHERE id = ? AND type = 'GRID'", gridId);
        return path.isEmpty() ? List.of() : accounts(Recipients.poolMembersSql(":id"), path.get(0));
    }

    @SuppressWarnings("unchecked")
    private List<Long> accounts(String sql, Object id) {
        return inTransaction(() -> ((List<Number>) entityManager
                .createNativeQuery("SELECT r.account_id FROM (" + sql + ") AS r ORDER BY r.account_id")
                .setParameter("id", id).getResultList()).stream().map(Number::longValue).toList());
    }

    private static long parentOf(long regionId) {
        return as("admin").get("/api/v1/regions/" + regionId).then().statusCode(200).extract().<Number> path("parentId").longValue();
    }

    private static List<Long> ids(String... usernames) {
        return List.of(usernames).stream().map(Api::accountId).toList();
    }

    private static Long[] array(List<Long> ids) {
        return ids.toArray(Long[]::new);
    }

    private long contactUnitOf(long gridId) {
        return ((Number) Sql.column(dataSource, "SELECT contact_unit_id FROM region WHERE id = ?", gridId).get(0)).longValue();
    }

    @Test
    void the_grid_leaders_of_grid_one_are_its_grid_leaders_only() {
        long grid1 = regionOf("leader1");

        List<Long> leaders = gridLeaders(grid1);

        assertThat(leaders, hasItem(Api.accountId("leader1")));
        for (long other : ids("gridmember1", "secretary1", "party1", "resident1", "unit1", "admin")) {
            assertThat(leaders, not(hasItem(other)));
        }
        assertThat(gridLeaders(regionOf("resident3")), not(hasItem(Api.accountId("leader1"))));
    }

    @Test
    void the_handlers_of_grid_ones_contact_unit_include_unit1() {
        long unit = contactUnitOf(regionOf("leader1"));

        List<Long> handlers = unitHandlers(unit);

        assertThat(handlers, hasItem(Api.accountId("unit1")));
        for (long other : ids("leader1", "gridmember1", "party1", "admin")) {
            assertThat(handlers, not(hasItem(other)));
        }
        assertThat(unitHandlers(contactUnitOf(regionOf("resident3"))),
                not(hasItem(Api.accountId("unit1"))));
    }

    @Test
    void the_pool_of_a_grid_is_its_grid_members_and_the_party_members_of_the_regions_above_it() {
        long grid1 = regionOf("leader1");
        long community1 = regionOf("secretary1");
        long street = parentOf(community1);
        // the API binds party members to communities; a binding higher up the tree is only possible in the data
        String streetMember = account("RESIDENT", null);
        Sql.update(dataSource, """
                INSERT INTO role_binding (id, account_id, district_id, role, region_id)
                SELECT nextval('role_binding_seq'), a.id, a.district_id, 'PARTY_MEMBER', ? FROM account a WHERE a.username = ?""",
                street, streetMember);
        // and a grid member of grid 1 too: two ways into the pool, one notification
        Sql.update(dataSource, """
                INSERT INTO role_binding (id, account_id, district_id, role, region_id)
                SELECT nextval('role_binding_seq'), a.id, a.district_id, 'GRID_MEMBER', ? FROM account a WHERE a.username = ?""",
                grid1, streetMember);
        String disabled = account("PARTY_MEMBER", community1);
        long disabledId = Api.accountId(disabled);
        Sql.update(dataSource, "UPDATE account SET enabled = false WHERE username = ?", disabled);
        String grid2Member = account("GRID_MEMBER", otherGridOf(community1, grid1));

        List<Long> pool = poolMembers(grid1);

        assertThat(pool, hasItems(array(ids("gridmember1", "party1", "party2", streetMember))));
        for (long other : ids("party3", "leader1", "secretary1", "resident1", "unit1", "admin", grid2Member)) {
            assertThat(pool, not(hasItem(other)));
        }
        assertThat("a disabled account is told nothing", pool, not(hasItem(disabledId)));
        assertEquals(pool.stream().distinct().sorted().toList(), pool, "each account once, in id order");
        assertThat(poolMembers(regionOf("resident3")), hasItem(Api.accountId("party3")));
        assertThat(poolMembers(community1), empty());
    }

    private long otherGridOf(long community, long grid) {
        return ((Number) Sql.column(dataSource, "SELECT id FROM region WHERE parent_id = ? AND id <> ? ORDER BY id LIMIT 1",
                community, grid).get(0)).longValue();
    }

    @Test
    void the_sql_of_recipients_fans_a_dispatch_out_to_the_pool_inside_notify_from() {
        long grid1 = regionOf("leader1");
        long district = districtId();
        String text = unique("新的待认领事项 ");

        int written = inTransaction(() -> inbox.notifyFrom("""
                SELECT r.account_id, CAST(:district AS bigint) AS district_id, 'DISPATCHED' AS kind, NULL AS ticket_id,
                       NULL AS ticket_number, CAST(:text AS text) AS text
                  FROM (%s) AS r""".formatted(Recipients.poolMembersSql(":grid")),
                Map.of("grid", Sql.column(dataSource, "SELECT path FROM region WHERE id = ?", grid1).get(0), "district", district,
                        "text", text)));

        assertEquals(poolMembers(grid1).size(), written);
        for (String member : List.of("party1", "party2", "gridmember1")) {
            assertThat(member, inbox(member, Map.of("limit", 100)).getList("items.text"), hasItem(text));
        }
        for (String outsider : List.of("party3", "leader1", "resident1")) {
            assertThat(outsider, inbox(outsider, Map.of("limit", 100)).getList("items.text"), not(hasItem(text)));
        }
    }

    @Test
    void the_sql_correlates_with_a_column_of_the_enclosing_query() {
        long grid1 = regionOf("leader1");
        long unit = contactUnitOf(grid1);

        @SuppressWarnings("unchecked")
        List<Number> leaders = inTransaction(() -> io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("SELECT l.account_id FROM region g JOIN LATERAL (%s) l ON true WHERE g.id = :grid"
                        .formatted(Recipients.gridLeadersSql("g.id")))
                .setParameter("grid", grid1).getResultList());
        assertEquals(gridLeaders(grid1), leaders.stream().map(Number::longValue).sorted().toList());
        @SuppressWarnings("unchecked")
        List<Number> handlers = inTransaction(() -> io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("SELECT h.account_id FROM region g JOIN LATERAL (%s) h ON true WHERE g.id = :grid"
                        .formatted(Recipients.unitHandlersSql("g.contact_unit_id")))
                .setParameter("grid", grid1).getResultList());
        assertEquals(unitHandlers(unit), handlers.stream().map(Number::longValue).sorted().toList());
    }

    @Test
    void only_a_column_or_a_named_parameter_may_name_the_grid() {
        for (String source : new String[] { "1; DELETE FROM notification", "t.grid_id OR true", "(SELECT 1)", "", "::x" }) {
            assertThrows(IllegalArgumentException.class, () -> Recipients.gridLeadersSql(source), source);
            assertThrows(IllegalArgumentException.class, () -> Recipients.unitHandlersSql(source), source);
            assertThrows(IllegalArgumentException.class, () -> Recipients.poolMembersSql(source), source);
        }
        assertThrows(IllegalArgumentException.class, () -> Recipients.poolMembersSql(null));
    }
}
