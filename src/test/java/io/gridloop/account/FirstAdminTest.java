package io.gridloop.account;

import static io.gridloop.support.Api.anonymous;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.agroal.api.AgroalDataSource;
import io.gridloop.account.FirstAdmin.Outcome;
import io.gridloop.account.FirstAdmin.Settings;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A district's first start (issue #10): an empty database of its own (no demo district), and the
 * bootstrap settings an operator gives. The methods run in order: the start's bootstrap first, the
 * concurrent one last, on a database it empties.
 */
@QuarkusTest
@TestProfile(FirstAdminTest.FirstStart.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstAdminTest {

    private static final String PASSWORD = "first-admin-pass";

    public static class FirstStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridloop.data-dir", "target/test-data-first-start",
                    "gridloop.seed.enabled", "false",
                    "gridloop.bootstrap.district", "新安区",
                    "gridloop.bootstrap.admin.username", "district-admin",
                    "gridloop.bootstrap.admin.password", PASSWORD);
        }
    }

    @Inject
    FirstAdmin firstAdmin;

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void the_first_start_made_the_district_and_its_admin_who_must_change_the_password() {
        assertEquals(List.of("新安区"), Sql.column(dataSource, "SELECT name FROM region WHERE type = 'DISTRICT'"));
        assertEquals(List.of("district-admin"), Sql.column(dataSource, "SELECT username FROM account"));
        assertEquals(List.of("DISTRICT_ADMIN"), Sql.column(dataSource,
                "SELECT b.role FROM role_binding b JOIN region r ON r.id = b.region_id AND r.type = 'DISTRICT'"));
        assertEquals(List.of("ACCOUNT_CREATED"), Sql.column(dataSource, "SELECT kind FROM audit_event WHERE actor_id IS NULL"));

        String token = anonymous().body(Map.of("username", "district-admin", "password", PASSWORD)).post("/api/v1/auth/login")
                .then().statusCode(200).body("account.mustChangePassword", equalTo(true)).extract().path("accessToken");
        Problems.problem(given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .get("/api/v1/regions"), 403, "password-change-required");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "chosen-by-herself"))
                .post("/api/v1/me/password").then().statusCode(204);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .get("/api/v1/regions").then().statusCode(200).body("items[0].name", equalTo("新安区"));
    }

    @Test
    @Order(2)
    void a_later_start_with_accounts_present_changes_nothing() {
        assertEquals(Outcome.ACCOUNTS_EXIST, firstAdmin.apply(Optional.of(new Settings("别的区", "someone-else", PASSWORD, "管理员"))));
        assertEquals(Outcome.ACCOUNTS_EXIST, firstAdmin.apply(Optional.empty()));

        assertEquals(1L, Sql.count(dataSource, "SELECT count(*) FROM account"));
        assertEquals(1L, Sql.count(dataSource, "SELECT count(*) FROM region"));
    }

    @Test
    @Order(3)
    void settings_given_in_part_or_out_of_bounds_stop_the_start() {
        assertThrows(IllegalStateException.class, () -> FirstAdmin.settings(config("新安区", "admin", null)));
        assertThrows(IllegalStateException.class, () -> FirstAdmin.settings(config(null, "admin", PASSWORD)));
        assertThrows(IllegalStateException.class, () -> FirstAdmin.settings(config("新安区", "admin", "short")));
        assertThrows(IllegalStateException.class, () -> FirstAdmin.settings(config("新安区", "a b", PASSWORD)));
        assertEquals(Optional.empty(), FirstAdmin.settings(config(null, null, null)));
        assertEquals(Optional.of(new Settings("新安区", "admin", PASSWORD, "区级管理员")),
                FirstAdmin.settings(config(" 新安区 ", "admin", PASSWORD)));
    }

    @Test
    @Order(4)
    void instances_starting_together_on_an_empty_database_make_one_admin() throws Exception {
        Sql.update(dataSource, "DELETE FROM role_binding");
        Sql.update(dataSource, "DELETE FROM account");
        Sql.update(dataSource, "DELETE FROM region");
        assertEquals(Outcome.NOT_CONFIGURED, firstAdmin.apply(Optional.empty()));

        int instances = 6;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Settings settings = new Settings("同时区", "admin" + i, PASSWORD, "管理员");
            Callable<Outcome> apply = () -> {
                start.await();
                return firstAdmin.apply(Optional.of(settings));
            };
            outcomes.add(pool.submit(apply));
        }
        start.countDown();
        List<Outcome> results = new ArrayList<>();
        for (Future<Outcome> outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();

        assertEquals(1, results.stream().filter(o -> o == Outcome.APPLIED).count(), results.toString());
        assertEquals(instances - 1, results.stream().filter(o -> o == Outcome.ACCOUNTS_EXIST).count(), results.toString());
        assertEquals(1L, Sql.count(dataSource, "SELECT count(*) FROM account"));
        assertEquals(1L, Sql.count(dataSource, "SELECT count(*) FROM region"));
    }

    private static BootstrapConfig config(String district, String username, String password) {
        return new BootstrapConfig() {
            @Override
            public Optional<String> district() {
                return Optional.ofNullable(district);
            }

            @Override
            public Admin admin() {
                return new Admin() {
                    @Override
                    public Optional<String> username() {
                        return Optional.ofNullable(username);
                    }

                    @Override
                    public Optional<String> password() {
                        return Optional.ofNullable(password);
                    }

                    @Override
                    public String name() {
                        return "区级管理员";
                    }
                };
            }
        };
    }
}
