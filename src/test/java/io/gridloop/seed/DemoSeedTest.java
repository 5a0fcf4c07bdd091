package io.gridloop.seed;

import static io.gridloop.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.gridloop.integration.ApiKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

@QuarkusTest
class DemoSeedTest {

    private static final List<String> TABLES = List.of("region", "unit", "account", "role_binding", "category",
            "holiday", "calendar_year", "api_key", "store_item", "ticket", "ticket_event", "points_entry", "community_resource");

    @Inject
    DemoSeeder seeder;

    @Inject
    EntityManager entityManager;

    @Test
    void the_start_message_says_who_can_reach_the_demo() {
        assertTrue(seeder.reach().startsWith("Listening on localhost only;"), seeder.reach());
    }

    @Test
    void loading_the_seeds_again_adds_nothing() {
        Map<String, Long> before = counts();
        seeder.load();
        seeder.load();
        assertEquals(before, counts());
    }

    @Test
    void the_demo_district_has_two_streets_three_communities_and_grids_of_every_size() {
        long district = one("SELECT id FROM region WHERE type = 'DISTRICT' AND name = '示范区'");
        // other tests add streets of their own: count the seeded ones
        assertEquals(2, one("SELECT count(*) FROM region WHERE type = 'STREET' AND name IN ('东湖街道', '西溪街道')"
                + " AND parent_id = " + district));
        assertTrue(one("SELECT count(*) FROM region WHERE type = 'COMMUNITY' AND district_id = " + district) >= 3);
        for (String size : List.of("LARGE", "MEDIUM", "SMALL")) {
            assertTrue(one("SELECT count(*) FROM region WHERE size_class = '" + size + "'") > 0, size);
        }
        assertTrue(one("SELECT count(*) FROM region WHERE boundary_area IS NOT NULL AND district_id = " + district) >= 3);
        assertTrue(one("SELECT count(*) FROM region WHERE contact_unit_id IS NOT NULL AND district_id = " + district) >= 3);
        assertTrue(one("SELECT count(*) FROM category WHERE district_id = " + district) >= 15);
    }

    @Test
    void the_calendar_holds_2026_and_2027_with_make_up_working_days() {
        assertEquals(0, one("SELECT count(*) FROM holiday WHERE day = DATE '2026-10-01' AND working"));
        assertEquals(1, one("SELECT count(*) FROM holiday WHERE day = DATE '2026-10-10' AND working"));
        assertEquals(1, one("SELECT count(*) FROM holiday WHERE day = DATE '2026-02-14' AND working"));
        assertTrue(one("SELECT count(*) FROM holiday WHERE extract(year FROM day) = 2027 AND NOT working") >= 20);
        assertTrue(one("SELECT count(*) FROM holiday WHERE extract(year FROM day) = 2027 AND working") >= 2);
    }

    @Test
    void the_seeded_years_are_recorded_2026_published_and_2027_provisional() {
        long district = one("SELECT id FROM region WHERE type = 'DISTRICT' AND name = '示范区'");
        assertEquals(1, one("SELECT count(*) FROM calendar_year WHERE year = 2026 AND status = 'PUBLISHED' AND district_id = " + district));
        assertEquals(1, one("SELECT count(*) FROM calendar_year WHERE year = 2027 AND status = 'PROVISIONAL' AND district_id = " + district));
    }

    @Test
    void a_year_the_district_already_has_is_not_seeded_again() {
        long district = one("SELECT id FROM region WHERE type = 'DISTRICT' AND name = '示范区'");
        String dragonBoat = "district_id = " + district + " AND day = DATE '2027-06-09'";
        // as if an administrator had replaced 2027 without 端午节
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("DELETE FROM holiday WHERE " + dragonBoat)
                .executeUpdate());
        try {
            seeder.load();
            assertEquals(0, one("SELECT count(*) FROM holiday WHERE " + dragonBoat));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "INSERT INTO holiday (district_id, day, working, name) VALUES (" + district + ", DATE '2027-06-09', false, '端午节')")
                    .executeUpdate());
        }
    }

    @Test
    void the_demo_accounts_hold_the_roles_the_spec_lists() {
        Map<String, String> expected = Map.of("admin", "DISTRICT_ADMIN", "secretary1", "COMMUNITY_ADMIN",
                "leader1", "GRID_LEADER", "gridmember1", "GRID_MEMBER", "party1", "PARTY_MEMBER", "party2",
                "PARTY_MEMBER", "party3", "PARTY_MEMBER", "unit1", "UNIT_HANDLER", "resident1", "RESIDENT",
                "resident3", "RESIDENT");
        expected.forEach((user, role) -> as(user).get("/api/v1/me").then().statusCode(200)
                .body("roles[0]", equalTo(role)));
        long grid1 = as("leader1").get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue();
        as("gridmember1").get("/api/v1/me").then().body("regions[0].id", equalTo((int) grid1));
        as("resident1").get("/api/v1/me").then().body("regions[0].id", equalTo((int) grid1));
        long community1 = as("secretary1").get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue();
        as("party1").get("/api/v1/me").then().body("regions[0].id", equalTo((int) community1));
        assertFalse(as("party3").get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue() == community1);
    }

    @Test
    void the_open311_key_is_stored_only_as_its_hash() {
        assertEquals(1, one("SELECT count(*) FROM api_key WHERE key_hash = '" + ApiKeys.hash("demo-open311-key") + "'"));
        assertEquals(0, one("SELECT count(*) FROM api_key WHERE key_hash LIKE '%demo%'"));
    }

    @Test
    void seeds_load_in_dev_demo_and_test_only() throws Exception {
        var properties = new PropertiesConfigSource(java.nio.file.Path.of("src/main/resources/application.properties").toUri().toURL());
        for (var profile : Map.of("prod", false, "dev", true, "demo", true, "test", true).entrySet()) {
            SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                    .withProfile(profile.getKey()).withSources(properties).withMapping(SeedConfig.class).build();
            assertEquals(profile.getValue(), config.getConfigMapping(SeedConfig.class).enabled(), profile.getKey());
        }
    }

    @Test
    void the_wall_has_open_claimed_and_fulfilled_wishes_and_the_fulfilled_one_paid_its_member() {
        long community1 = as("secretary1").get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue();
        List<Map<String, Object>> wall = as("party2").queryParam("communityId", community1).queryParam("limit", 100)
                .get("/api/v1/wishes").then().statusCode(200).extract().path("items");
        Map<String, Object> fulfilled = seeded(wall, "想请人陪奶奶去医院复查");
        assertEquals("CLOSED", fulfilled.get("status"));
        assertEquals("孙立新（党员）", ((Map<?, ?>) fulfilled.get("assignee")).get("name"));
        assertEquals("CLAIMED", seeded(wall, "家里水龙头漏水，想请人帮忙换一个").get("status"));
        assertEquals(true, seeded(wall, "想给孙子找一套初二的旧课本").get("claimable"));
        assertEquals("SUBMITTED", seeded(wall, "希望有人教我用手机预约挂号").get("status"));
        // the confirmation paid party1 once, by the district's rules, in the ledger whose sum is the balance
        long wish = ((Number) fulfilled.get("id")).longValue();
        assertEquals(1, one("SELECT count(*) FROM points_entry WHERE cause = 'WISH_CONFIRMED' AND cause_ref = " + wish));
        List<Map<String, Object>> ledger = as("party1").queryParam("limit", 100).get("/api/v1/points/ledger").then()
                .statusCode(200).extract().path("items");
        assertTrue(ledger.stream().anyMatch(e -> "WISH_CONFIRMED".equals(e.get("cause"))
                && ((Number) e.get("ticketId")).longValue() == wish), ledger.toString());
        assertTrue(as("party1").get("/api/v1/points/balance").then().statusCode(200).extract().<Number> path("balance")
                .longValue() > 0);
    }

    @Test
    void the_communities_have_store_items_and_offers_on_their_resource_lists() {
        long community1 = as("secretary1").get("/api/v1/me").then().extract().<Number> path("regions[0].id").longValue();
        List<String> items = as("resident1").queryParam("communityId", community1).queryParam("limit", 100)
                .get("/api/v1/store/items").then().statusCode(200).extract().path("items.name");
        assertTrue(items.containsAll(List.of("洗衣液", "大米", "理发服务券")), items.toString());
        List<String> offers = as("resident1").queryParam("limit", 100).get("/api/v1/lists/" + community1 + "/resources").then()
                .statusCode(200).extract().path("items.title");
        assertTrue(offers.containsAll(List.of("陪老人就医、代购药品", "家电小修、水电维修", "城管驿站会议室", "借用轮椅、助行器等助老器具")),
                offers.toString());
        assertEquals(1, one("SELECT count(*) FROM seed_activity"));
    }

    private static Map<String, Object> seeded(List<Map<String, Object>> wall, String title) {
        return wall.stream().filter(w -> title.equals(w.get("title"))).findFirst().orElseThrow(() -> new AssertionError(title));
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.forEach(table -> counts.put(table, one("SELECT count(*) FROM " + table)));
        return counts;
    }

    private long one(String sql) {
        return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
