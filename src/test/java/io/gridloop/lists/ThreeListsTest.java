package io.gridloop.lists;

import static io.gridloop.lists.ResourcesTest.community1;
import static io.gridloop.lists.ResourcesTest.community3;
import static io.gridloop.lists.ResourcesTest.offer;
import static io.gridloop.lists.ResourcesTest.offered;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** SPEC §1.9 the three lists (三张清单) of a community: published to its people, each list keyset-paged. */
@QuarkusTest
class ThreeListsTest {

    /** Every item of a list of community 1, following nextCursor; each page at most {@code limit}. */
    private static List<Map<String, Object>> walk(String username, String list, Map<String, Object> filters, int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as(username).queryParams(filters).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/lists/" + community1() + "/" + list).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertTrue(items.size() <= limit, "a page longer than its limit");
            all.addAll(items);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    private static List<Long> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> ((Number) i.get("id")).longValue()).toList();
    }

    @Test
    void the_resource_list_pages_newest_first_without_repeats_and_filters_by_kind() {
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(offered("party2", offer(community1(), unique("翻页资源-"))));
        }
        Map<String, Object> venue = offer(community1(), unique("场地-"));
        venue.put("kind", "VENUE");
        long venueId = offered("party2", venue);

        List<Long> listed = ids(walk("resident1", "resources", Map.of(), 2));
        assertTrue(listed.containsAll(made));
        assertEquals(listed.stream().distinct().count(), listed.size());
        assertEquals(listed.stream().sorted(java.util.Comparator.reverseOrder()).toList(), listed);
        List<Map<String, Object>> venues = walk("resident1", "resources", Map.of("kind", "VENUE"), 100);
        assertTrue(venues.stream().allMatch(r -> "VENUE".equals(r.get("kind"))));
        assertTrue(ids(venues).contains(venueId));
        assertFalse(ids(venues).contains(made.get(0)));
        // another community's offers are on its own list only
        long elsewhere = offered("party3", offer(community3(), unique("别处资源-")));
        assertFalse(listed.contains(elsewhere));
    }

    @Test
    void the_service_list_is_the_active_catalogue_named_in_the_callers_language() {
        List<Map<String, Object>> services = walk("party1", "services", Map.of(), 5);
        List<String> codes = services.stream().map(s -> (String) s.get("code")).toList();
        List<String> catalogue = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as("party1").queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/categories").then().statusCode(200).extract().jsonPath();
            catalogue.addAll(page.getList("items.code"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(catalogue, codes);
        Map<String, Object> wish = services.stream().filter(s -> "MICRO_WISH".equals(s.get("code"))).findFirst().orElseThrow();
        assertEquals("微心愿", wish.get("name"));
        assertEquals(Map.of("value", 15, "unit", "WORKING_DAYS"), wish.get("resolutionLimit"));
        as("party1").header("Accept-Language", "en").queryParam("limit", 100).get("/api/v1/lists/" + community1() + "/services")
                .then().statusCode(200).body("items.find { it.code == 'MICRO_WISH' }.name", equalTo("Micro-wish"));
    }

    @Test
    void the_three_lists_at_a_glance_hold_the_first_page_of_each() {
        offered("party1", offer(community1(), unique("一览-")));
        JsonPath all = as("gridmember1").queryParam("limit", 1).get("/api/v1/lists/" + community1()).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(community1(), all.getLong("communityId"));
        for (String list : List.of("resources", "needs", "services")) {
            assertEquals(1, all.getList(list + ".items").size(), list);
            // the demo district has more than one of each; the next page goes on at the list's own path
            String next = all.getString(list + ".nextCursor");
            as("gridmember1").queryParam("limit", 1).queryParam("cursor", next).get("/api/v1/lists/" + community1() + "/" + list)
                    .then().statusCode(200).body("items.size()", equalTo(1));
        }
    }

    @Test
    void the_lists_are_for_the_people_of_the_community() {
        long community = community1();
        for (String member : List.of("resident1", "party1", "gridmember1", "leader1", "secretary1", "admin")) {
            as(member).get("/api/v1/lists/" + community).then().statusCode(200);
        }
        for (String list : List.of("", "/resources", "/needs", "/services")) {
            Problems.problem(as("resident3").get("/api/v1/lists/" + community + list), 404, "not-found");
            Problems.problem(as("party3").get("/api/v1/lists/" + community + list), 404, "not-found");
            Problems.problem(as("unit1").get("/api/v1/lists/" + community + list), 404, "not-found");
            Problems.problem(as("admin").get("/api/v1/lists/987654321" + list), 404, "not-found");
            Problems.problem(Api.anonymous().get("/api/v1/lists/" + community + list), 401, "unauthenticated");
            Problems.problem(as("admin").queryParam("limit", 101).get("/api/v1/lists/" + community + list), 400, "validation");
            Problems.problem(as("admin").queryParam("limit", 0).get("/api/v1/lists/" + community + list), 400, "validation");
        }
        for (String list : List.of("/resources", "/needs", "/services")) {
            Problems.problem(as("admin").queryParam("cursor", "not-a-cursor").get("/api/v1/lists/" + community + list), 400,
                    "validation");
        }
        as("party3").get("/api/v1/lists/" + community3()).then().statusCode(200);
        List<String> phones = as("resident1").queryParam("limit", 100).get("/api/v1/lists/" + community).then().extract()
                .path("resources.items.contactPhone");
        assertTrue(phones.stream().noneMatch(phone -> phone != null && !phone.contains("****")), phones.toString());
    }
}
