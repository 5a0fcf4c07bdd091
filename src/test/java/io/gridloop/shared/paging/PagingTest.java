package io.gridloop.shared.paging;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Catalog.category;
import static io.gridloop.support.Catalog.uniqueCode;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** SPEC §2: lists page by an opaque keyset cursor, `?limit=` between 1 and 100. */
@QuarkusTest
class PagingTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void pages_of_five_walk_the_whole_catalogue_without_repeats_or_gaps() {
        for (int i = 0; i < 3; i++) {
            as("admin").body(category(uniqueCode("PAGE"))).post("/api/v1/categories").then().statusCode(201);
        }
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        List<Object> catalogue = Sql.column(dataSource,
                "SELECT code FROM category WHERE district_id = ? AND active ORDER BY id", district);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as("admin").queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/categories").then().statusCode(200).extract().jsonPath();
            List<String> codes = page.getList("items.code", String.class);
            cursor = page.getString("nextCursor");
            assertThat(codes.size(), lessThanOrEqualTo(5));
            if (cursor != null) {
                assertThat("only the last page is short", codes, hasSize(5));
            }
            seen.addAll(codes);
            pages++;
        } while (cursor != null && pages < 100);

        assertEquals(catalogue, new ArrayList<Object>(seen));
        assertEquals((catalogue.size() + 4) / 5, pages);
    }

    @Test
    void a_forged_cursor_is_a_violation_of_cursor() {
        String notBase64 = "%%%";
        String notOurs = Base64.getUrlEncoder().withoutPadding().encodeToString("offset=20".getBytes(StandardCharsets.UTF_8));
        String notANumber = Base64.getUrlEncoder().withoutPadding().encodeToString("kabc".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of(notBase64, notOurs, notANumber, "k1")) {
            JsonPath problem = Problems.problem(as("admin").queryParam("cursor", cursor).get("/api/v1/categories"), 400,
                    "validation");

            assertThat(cursor, problem.getList("violations.field"), equalTo(List.of("cursor")));
        }
    }

    @Test
    void a_limit_outside_one_to_a_hundred_is_a_violation_of_limit() {
        for (int limit : new int[] { 0, 101, -1 }) {
            JsonPath problem = Problems.problem(as("admin").queryParam("limit", limit).get("/api/v1/categories"), 400,
                    "validation");

            assertThat(problem.getList("violations.field"), equalTo(List.of("limit")));
        }
        as("admin").queryParam("limit", 1).get("/api/v1/categories").then().statusCode(200).body("items", hasSize(1));
        as("admin").queryParam("limit", 100).get("/api/v1/categories").then().statusCode(200);
    }

    /** JAX-RS would answer 404 for a query parameter it cannot convert; it is the client's error, so 400. */
    @Test
    void a_limit_that_is_not_a_number_is_a_bad_request() {
        Problems.problem(as("admin").queryParam("limit", "many").get("/api/v1/categories"), 400, "bad-request");
    }
}
