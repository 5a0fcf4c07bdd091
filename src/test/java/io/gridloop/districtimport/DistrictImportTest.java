package io.gridloop.districtimport;

import static io.gridloop.support.Api.anonymous;
import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.agroal.api.AgroalDataSource;
import io.gridloop.account.Accounts;
import io.gridloop.support.Problems;
import io.gridloop.support.Sql;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class DistrictImportTest {

    private static final String PATH = "/api/v1/district/import";
    private static final AtomicInteger YEARS = new AtomicInteger(2031);
    /** A count of zero for every kind the report has. */
    private static final Map<String, Integer> NONE = Map.of("units", 0, "streets", 0, "communities", 0, "grids", 0,
            "categories", 0, "calendarYears", 0, "accounts", 0, "apiKeys", 0, "storeItems", 0);
    private static final List<String> TABLES = List.of("region", "unit", "account", "role_binding", "category", "holiday",
            "calendar_year", "api_key");
    private static final List<List<Double>> SQUARE = List.of(List.of(121.0, 31.0), List.of(121.01, 31.0),
            List.of(121.01, 31.01), List.of(121.0, 31.01), List.of(121.0, 31.0));

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Accounts accounts;

    @ConfigProperty(name = "gridloop.district-import.max-size")
    MemorySize maxSize;

    @Test
    void importing_the_demo_file_again_changes_nothing() throws Exception {
        Map<String, String> before = fingerprints();
        JsonPath report = importYaml("admin", Files.readString(Path.of("seeds/demo-district.yaml"))).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(NONE, counts(report, "created"));
        assertEquals(NONE, counts(report, "updated"));
        assertEquals(7, report.getInt("grids.unchanged"));
        assertEquals(11, report.getInt("accounts.unchanged"));
        assertEquals(before, fingerprints());
    }

    @Test
    void a_new_district_part_is_created_and_importing_it_again_changes_nothing() {
        District file = new District();
        JsonPath first = importYaml("admin", file.yaml()).then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("units", 1, "streets", 1, "communities", 1, "grids", 2, "categories", 1, "calendarYears", 1,
                "accounts", 2, "apiKeys", 0, "storeItems", 0), counts(first, "created"));
        // the MultiPolygon of one polygon is kept as that Polygon, and grids/locate finds it
        assertEquals("Polygon", Sql.column(dataSource, "SELECT boundary ->> 'type' FROM region WHERE name = ?", file.grid2).get(0));
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM region WHERE name = ? AND boundary_area @> point(121.005, 31.005)",
                file.grid1));

        Map<String, String> before = fingerprints();
        JsonPath second = importYaml("admin", file.yaml()).then().statusCode(200).extract().jsonPath();
        assertEquals(NONE, counts(second, "created"));
        assertEquals(NONE, counts(second, "updated"));
        assertEquals(2, second.getInt("grids.unchanged"));
        assertEquals(before, fingerprints());
    }

    @Test
    void a_changed_file_updates_rows_by_their_natural_key() {
        District file = new District();
        importYaml("admin", file.yaml()).then().statusCode(200);
        file.gridSize = "LARGE";
        file.unitPhone = "0571-12345678";
        file.responseHours = 6;
        file.leaderRoles = List.of(Map.of("role", "GRID_MEMBER", "region", "g2"));
        JsonPath report = importYaml("admin", file.yaml()).then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("units", 1, "streets", 0, "communities", 0, "grids", 1, "categories", 1, "calendarYears", 0,
                "accounts", 1, "apiKeys", 0, "storeItems", 0), counts(report, "updated"));
        assertEquals(NONE, counts(report, "created"));
        assertEquals(1, report.getInt("grids.unchanged"));
        assertEquals(1, report.getInt("accounts.unchanged"));
        assertEquals("LARGE", Sql.column(dataSource, "SELECT size_class FROM region WHERE name = ?", file.grid1).get(0));
        assertEquals("0571-12345678", Sql.column(dataSource, "SELECT phone FROM unit WHERE name = ?", file.unit).get(0));
        assertEquals(6, ((Number) Sql.column(dataSource, "SELECT response_limit FROM category WHERE code = ?", file.code).get(0)).intValue());
        // the leader's bindings are exactly the file's now: GRID_LEADER of g1 went, GRID_MEMBER of g2 came
        assertEquals(List.of("GRID_MEMBER:" + file.grid2), Sql.column(dataSource, """
                SELECT b.role || ':' || r.name FROM role_binding b JOIN account a ON a.id = b.account_id
                JOIN region r ON r.id = b.region_id WHERE a.username = ?""", file.leader));
    }

    @Test
    void every_bad_row_is_reported_at_once_and_nothing_is_written() {
        District file = new District();
        file.gridSize = "HUGE";
        file.contactUnit = "nowhere";
        file.boundary2 = Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(121.0, 31.0), List.of(121.01, 31.01),
                List.of(121.01, 31.0), List.of(121.0, 31.01), List.of(121.0, 31.0))));
        file.responseHours = 0;
        file.holidayFrom = file.year + "-02-30";
        file.leaderRoles = List.of(Map.of("role", "KING", "region", "g1"), Map.of("role", "GRID_LEADER", "region", "atlantis"));
        file.memberUsername = file.leader.toUpperCase();
        Map<String, String> before = fingerprints();
        JsonPath problem = Problems.problem(importYaml("admin", file.yaml()), 422, "unprocessable");
        assertEquals(List.of(
                "accounts[0].roles[0].role",
                "accounts[0].roles[1].region",
                "accounts[1].username",
                "calendar[0].days[0].from",
                "categories[0].responseLimit.value",
                "streets[0].communities[0].grids[0].contactUnit",
                "streets[0].communities[0].grids[0].sizeClass",
                "streets[0].communities[0].grids[1].boundary"), problem.getList("violations.field"));
        assertEquals(List.of("import.unknown-role", "import.unknown-region", "import.duplicate", "import.bad-date"),
                problem.getList("violations.message", String.class).subList(0, 4).stream()
                        .map(message -> messageKey(message)).toList());
        assertEquals(before, fingerprints());
    }

    @Test
    void a_file_with_one_bad_row_at_its_end_changes_nothing() {
        District file = new District();
        file.extraAccounts = 200;
        file.lastAccountRegion = "no-such-grid";
        Map<String, String> before = fingerprints();
        JsonPath problem = Problems.problem(importYaml("admin", file.yaml()), 422, "unprocessable");
        assertEquals(List.of("accounts[201].roles[0].region"), problem.getList("violations.field"));
        assertEquals(before, fingerprints());
        assertEquals(0, Sql.count(dataSource, "SELECT count(*) FROM region WHERE name = ?", file.street));

        file.lastAccountRegion = "g1";
        JsonPath report = importYaml("admin", file.yaml()).then().statusCode(200).extract().jsonPath();
        assertEquals(202, report.getInt("accounts.created"));
    }

    @Test
    void boundaries_that_are_not_one_simple_closed_ring_are_refused_each_with_its_reason() {
        District file = new District();
        file.boundary1 = Map.of("type", "Polygon", "coordinates", List.of(SQUARE.subList(0, 4)));
        file.boundary2 = Map.of("type", "MultiPolygon", "coordinates", List.of(List.of(SQUARE), List.of(SQUARE)));
        JsonPath problem = Problems.problem(importYaml("admin", file.yaml(), "en"), 422, "unprocessable");
        assertEquals(List.of("the ring is not closed: its last point must equal its first",
                "the MultiPolygon has several parts: a grid is one area; merge them or make several grids"),
                problem.getList("violations.message"));

        file.boundary1 = Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(181.0, 31.0), List.of(121.01, 31.0),
                List.of(121.01, 31.01), List.of(181.0, 31.0))));
        file.boundary2 = Map.of("type", "Polygon", "coordinates", List.of(SQUARE, SQUARE));
        problem = Problems.problem(importYaml("admin", file.yaml(), "en"), 422, "unprocessable");
        assertEquals(List.of(
                "coordinates must be [longitude, latitude] number pairs, longitude within -180..180, latitude within -90..90",
                "a boundary has no holes: one outer ring only"), problem.getList("violations.message"));
    }

    @Test
    void json_is_read_as_well_as_yaml() throws Exception {
        District file = new District();
        String json = new ObjectMapper().writeValueAsString(file.map());
        as("admin").contentType("application/json").body(json).post(PATH).then().statusCode(200)
                .body("grids.created", equalTo(2));
    }

    @Test
    void imported_accounts_sign_in_only_with_the_password_hash_the_file_gives() {
        District file = new District();
        file.leaderHash = accounts.passwordHash("imported-secret");
        importYaml("admin", file.yaml()).then().statusCode(200);
        anonymous().body(Map.of("username", file.leader, "password", "imported-secret")).post("/api/v1/auth/login")
                .then().statusCode(200);
        // the other account has no password: nothing opens it, the demo's password neither
        anonymous().body(Map.of("username", file.member, "password", "gridloop")).post("/api/v1/auth/login")
                .then().statusCode(401);
        assertEquals(1, Sql.count(dataSource, "SELECT count(*) FROM account WHERE username = ? AND password_hash IS NULL", file.member));
    }

    /**
     * An account of the file registers (双报到) with a community that the file does not bind it to, and
     * the community's admin confirms: the PARTY_MEMBER binding is the registration's, and importing the
     * file again keeps it (it removed it before V25), while the bindings the file gives stay exactly the file's.
     */
    @Test
    void a_binding_a_confirmed_registration_gave_outlives_a_new_import_of_the_file() {
        District file = new District();
        file.leaderHash = accounts.passwordHash("imported-secret");
        importYaml("admin", file.yaml()).then().statusCode(200);
        String leader = anonymous().body(Map.of("username", file.leader, "password", "imported-secret")).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("accessToken");
        long leaderId = anonymous().header("Authorization", "Bearer " + leader).get("/api/v1/me").then().statusCode(200).extract()
                .<Number> path("account.id").longValue();
        long community = as("secretary1").get("/api/v1/me").then().statusCode(200).extract().<Number> path("regions[0].id")
                .longValue();
        long registration = anonymous().header("Authorization", "Bearer " + leader)
                .body(Map.of("communityId", community, "partyOrganisation", "导入测试支部"))
                .post("/api/v1/members/" + leaderId + "/registrations").then().statusCode(201).extract().<Number> path("id")
                .longValue();
        as("secretary1").body(Map.of("confirmed", true)).post("/api/v1/member-registrations/" + registration + "/decision")
                .then().statusCode(200);
        String bindings = """
                SELECT b.role || ':' || r.name FROM role_binding b JOIN region r ON r.id = b.region_id
                WHERE b.account_id = ? ORDER BY 1""";
        List<Object> registered = Sql.column(dataSource, bindings, leaderId);

        JsonPath again = importYaml("admin", file.yaml()).then().statusCode(200).extract().jsonPath();
        assertEquals(0, again.getInt("accounts.updated"), again.prettify());
        assertEquals(registered, Sql.column(dataSource, bindings, leaderId));
        assertEquals(2, registered.size(), registered.toString());

        file.leaderRoles = List.of(Map.of("role", "GRID_MEMBER", "region", "g2"));
        importYaml("admin", file.yaml()).then().statusCode(200);
        assertEquals(List.of("GRID_MEMBER:" + file.grid2, registered.stream().filter(b -> ((String) b).startsWith("PARTY_MEMBER:"))
                .findFirst().orElseThrow()), Sql.column(dataSource, bindings, leaderId), "the file's changed, the registration's stayed");
    }

    @Test
    void only_a_district_admin_imports_and_only_into_their_own_district() {
        District file = new District();
        Problems.problem(importYaml("secretary1", file.yaml()), 403, "forbidden");
        Problems.problem(anonymous().contentType("application/yaml")
                .body(file.yaml().getBytes(StandardCharsets.UTF_8)).post(PATH), 401, "unauthenticated");
        file.district = "别的区";
        JsonPath problem = Problems.problem(importYaml("admin", file.yaml()), 422, "unprocessable");
        assertEquals(List.of("district"), problem.getList("violations.field"));
    }

    @Test
    void a_file_that_is_not_yaml_or_has_an_unknown_field_is_a_400_naming_where() {
        JsonPath syntax = Problems.problem(importYaml("admin", "units:\n  - { key: 'a, name: b }\n", "en"), 400, "malformed-body");
        assertEquals("The file is not valid YAML: a syntax error or a repeated key near line 2, column 3.", syntax.getString("detail"));
        JsonPath problem = Problems.problem(importYaml("admin", "units:\n  - { key: a, name: b, colour: red }\n"), 400, "validation");
        assertEquals(List.of("units[0].colour"), problem.getList("violations.field"));
        Problems.problem(importYaml("admin", "units: []\nunits: []\n"), 400, "malformed-body");
    }

    @Test
    void a_row_left_empty_is_a_400_naming_it_not_a_failure() {
        JsonPath problem = Problems.problem(importYaml("admin", "accounts:\n  -\nunits:\n  -\n"), 400, "validation");
        assertEquals(List.of("accounts[0]"), problem.getList("violations.field"));
    }

    @Test
    void a_file_over_the_configured_size_is_413() {
        String padding = "#".repeat((int) maxSize.asLongValue()) + "\n";
        Problems.problem(importYaml("admin", padding), 413, "payload-too-large");
        // a body of that size elsewhere is over the general limit, the import's is not lent to other paths
        Problems.problem(as("admin").body("{\"x\":\"" + "a".repeat((int) maxSize.asLongValue() / 2) + "\"}")
                .post("/api/v1/categories"), 413, "payload-too-large");
        assertNotEquals(0, maxSize.asLongValue());
    }

    /** One count of the report for every kind, by kind. */
    private static Map<String, Integer> counts(JsonPath report, String count) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        NONE.keySet().forEach(kind -> counts.put(kind, report.getInt(kind + "." + count)));
        return counts;
    }

    private static Response importYaml(String who, String yaml) {
        return importYaml(who, yaml, "zh-CN");
    }

    private static Response importYaml(String who, String yaml, String language) {
        return as(who).contentType("application/yaml; charset=utf-8").header("Accept-Language", language)
                .body(yaml.getBytes(StandardCharsets.UTF_8)).post(PATH);
    }

    /** The message key behind a zh-CN text, by its text in messages.properties. */
    private static String messageKey(String text) {
        try {
            var bundle = java.util.ResourceBundle.getBundle("messages", java.util.Locale.ROOT);
            return bundle.keySet().stream().filter(key -> bundle.getString(key).equals(text)).findFirst().orElse(text);
        } catch (java.util.MissingResourceException e) {
            return text;
        }
    }

    /** Every row of the tables an import writes, summed up: equal fingerprints, nothing changed. */
    private Map<String, String> fingerprints() {
        Map<String, String> prints = new LinkedHashMap<>();
        for (String table : TABLES) {
            prints.put(table, String.valueOf(Sql.column(dataSource,
                    "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + table + " t").get(0)));
        }
        return prints;
    }

    /** A part of the demo district with names no other test uses, to change field by field. */
    static final class District {
        /** Each file has a year of its own: a year is written once, when the district has no calendar for it. */
        final int year = YEARS.getAndIncrement();
        String district = "示范区";
        final String unit = unique("单位");
        final String street = unique("街道");
        final String community = unique("社区");
        final String grid1 = unique("网格一");
        final String grid2 = unique("网格二");
        final String code = unique("IMP").toUpperCase().replaceAll("[^A-Z0-9]", "_");
        final String leader = unique("leader");
        String member = unique("member");
        String memberUsername;
        String gridSize = "SMALL";
        String contactUnit = "u1";
        String unitPhone = "0571-0000000";
        int responseHours = 4;
        String holidayFrom = year + "-01-01";
        String leaderHash;
        Object boundary1 = Map.of("type", "Polygon", "coordinates", List.of(SQUARE));
        Object boundary2 = Map.of("type", "MultiPolygon", "coordinates", List.of(List.of(List.of(List.of(121.02, 31.0),
                List.of(121.03, 31.0), List.of(121.03, 31.01), List.of(121.02, 31.0)))));
        List<Map<String, String>> leaderRoles = List.of(Map.of("role", "GRID_LEADER", "region", "g1"));
        int extraAccounts;
        String lastAccountRegion = "g1";

        Map<String, Object> map() {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("district", district);
            file.put("units", List.of(Map.of("key", "u1", "name", unit, "contactName", "联系人", "phone", unitPhone)));
            Map<String, Object> g1 = new LinkedHashMap<>(Map.of("key", "g1", "name", grid1, "sizeClass", gridSize,
                    "contactUnit", contactUnit));
            g1.put("boundary", boundary1);
            Map<String, Object> g2 = new LinkedHashMap<>(Map.of("key", "g2", "name", grid2, "sizeClass", "MEDIUM"));
            g2.put("boundary", boundary2);
            file.put("streets", List.of(Map.of("name", street, "communities", List.of(Map.of("key", "c1", "name", community,
                    "grids", List.of(g1, g2))))));
            file.put("categories", List.of(Map.of("code", code, "nameZh", "导入测试", "nameEn", "Import test", "group", "测试",
                    "defaultMatterClass", "MINOR", "responseLimit", Map.of("value", responseHours, "unit", "HOURS"),
                    "resolutionLimit", Map.of("value", 2, "unit", "WORKING_DAYS"))));
            file.put("calendar", List.of(Map.of("year", year, "status", "PROVISIONAL", "days",
                    List.of(Map.of("from", holidayFrom, "to", year + "-01-03", "name", "元旦")))));
            List<Map<String, Object>> people = new ArrayList<>();
            Map<String, Object> leaderRow = new LinkedHashMap<>(Map.of("username", leader, "name", "导入网格长", "roles", leaderRoles));
            if (leaderHash != null) {
                leaderRow.put("passwordHash", leaderHash);
            }
            people.add(leaderRow);
            people.add(Map.of("username", memberUsername == null ? member : memberUsername, "name", "导入党员", "phone", "13700000000",
                    "roles", List.of(Map.of("role", "PARTY_MEMBER", "region", "c1"))));
            for (int i = 0; i < extraAccounts; i++) {
                people.add(Map.of("username", member + "-" + i, "name", "居民" + i,
                        "roles", List.of(Map.of("role", "RESIDENT", "region", i == extraAccounts - 1 ? lastAccountRegion : "g1"))));
            }
            file.put("accounts", people);
            return file;
        }

        String yaml() {
            try {
                return new YAMLMapper().writeValueAsString(map());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
