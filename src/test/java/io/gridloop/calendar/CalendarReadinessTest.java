package io.gridloop.calendar;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** /q/health/ready stays UP and says which districts count this year or the next as plain Monday to Friday. */
@QuarkusTest
class CalendarReadinessTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    @Readiness
    CalendarReadiness readiness;

    private static Map<String, Object> calendarCheck() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .extract().jsonPath();
        assertEquals("UP", health.getString("checks.find { it.name == 'Holiday calendars' }.status"));
        return health.getMap("checks.find { it.name == 'Holiday calendars' }.data");
    }

    private static long demoDistrict() {
        return as("admin").get("/api/v1/me").then().statusCode(200).extract().<Number> path("account.districtId").longValue();
    }

    @Test
    void a_district_without_a_calendar_for_this_year_or_the_next_is_named_and_readiness_stays_up() {
        int year = clock.instant().atZone(SHANGHAI).getYear();
        long district = ((Number) Sql.column(dataSource, "SELECT nextval('region_seq')").get(0)).longValue();
        // a second district has no API (SPEC §1.1: one tree per district), so it is made in SQL
        Sql.update(dataSource, "INSERT INTO region (id, district_id, type, name, path) VALUES (?, ?, 'DISTRICT', ?, '')",
                district, district, unique("无日历区"));
        try {
            Map<String, Object> data = calendarCheck();
            assertEquals(year + "," + (year + 1), data.get("years"));
            assertEquals(year + "," + (year + 1), data.get("fallback." + district));

            Sql.update(dataSource, "INSERT INTO calendar_year (district_id, year, status) VALUES (?, ?, 'PROVISIONAL')",
                    district, year);
            data = calendarCheck();
            assertEquals(String.valueOf(year + 1), data.get("fallback." + district));
            assertEquals(String.valueOf(year), data.get("provisional." + district));

            // a year published with no holidays at all still has a calendar
            Sql.update(dataSource, "INSERT INTO calendar_year (district_id, year, status) VALUES (?, ?, 'PUBLISHED')",
                    district, year + 1);
            data = calendarCheck();
            assertFalse(data.containsKey("fallback." + district), data::toString);
        } finally {
            Sql.update(dataSource, "DELETE FROM calendar_year WHERE district_id = ?", district);
            Sql.update(dataSource, "DELETE FROM region WHERE id = ?", district);
        }
    }

    @Test
    void the_years_are_those_of_the_district_zone_and_the_seeded_ones_are_not_missing() {
        long demo = demoDistrict();
        // 2026-12-31T15:00Z is 23:00 on New Year's Eve in Shanghai: 2026 and 2027, both seeded, 2027 provisional
        Map<String, Object> data = readiness.report(Instant.parse("2026-12-31T15:00:00Z")).getData().orElseThrow();
        assertEquals("2026,2027", data.get("years"));
        assertFalse(data.containsKey("fallback." + demo), data::toString);
        assertEquals("2027", data.get("provisional." + demo));

        // 2027-12-31T17:00Z is already 2028 in Shanghai: neither 2028 nor 2029 has a calendar
        HealthCheckResponse next = readiness.report(Instant.parse("2027-12-31T17:00:00Z"));
        assertEquals(HealthCheckResponse.Status.UP, next.getStatus());
        assertEquals("2028,2029", next.getData().orElseThrow().get("years"));
        assertEquals("2028,2029", next.getData().orElseThrow().get("fallback." + demo));
    }
}
