package io.gridloop.surface;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.gridloop.support.Api;
import io.gridloop.support.Sql;
import io.gridloop.surface.AuthorizationMatrix.Persona;
import io.gridloop.surface.AuthorizationMatrix.Target;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The demo district as the matrix sees it: its grids and units by name (seeds/demo-district.yaml), the
 * people the demo lacks for a foreign or outside target (a resident of grid 2 and of grid 3, the
 * admins of communities 2 and 3, a handler of grid 3's unit), the two spoiled tokens (EX, DIS), and
 * tickets built through the API in the state an action starts from.
 */
final class MatrixDistrict {

    static final String API_KEY = "demo-open311-key";

    /** Where a target ticket is and who is on it: the reporter, and the assignee (an account, or a unit and its handler). */
    record Place(long gridId, String reporter, String assignee, Long unitId) {
    }

    enum Stage {
        SUBMITTED, DISPATCHED, CLAIMED, EXTENSION_ASKED, RESOLVED
    }

    final DataSource dataSource;
    final long district;
    final long grid1;
    final long grid2;
    final long grid3;
    final long grid5;
    final long urban;
    final long housing;
    final String resident5;
    final String resident4;
    final String secretary2;
    final String secretary3;
    final String unit2;
    final String exAdmin;
    final String disabled;
    private final Map<String, Long> accountIds = new ConcurrentHashMap<>();
    private final Map<String, Long> shared = new ConcurrentHashMap<>();

    MatrixDistrict(DataSource dataSource) {
        this.dataSource = dataSource;
        Map<String, Long> regions = new HashMap<>();
        for (String type : List.of("DISTRICT", "COMMUNITY", "GRID")) {
            List<Map<String, Object>> items = as("admin").queryParam("type", type).queryParam("limit", 100)
                    .get("/api/v1/regions").then().statusCode(200).extract().path("items");
            items.forEach(region -> regions.put((String) region.get("name"), ((Number) region.get("id")).longValue()));
        }
        Map<String, Long> units = new HashMap<>();
        List<Map<String, Object>> unitItems = as("admin").queryParam("limit", 100).get("/api/v1/units").then().statusCode(200)
                .extract().path("items");
        unitItems.forEach(unit -> units.put((String) unit.get("name"), ((Number) unit.get("id")).longValue()));
        district = regions.get("示范区");
        grid1 = regions.get("幸福社区第一网格");
        grid2 = regions.get("幸福社区第二网格");
        grid3 = regions.get("和平社区第一网格");
        grid5 = regions.get("翠苑社区第一网格");
        urban = units.get("区城市管理局");
        housing = units.get("区住房和城乡建设局");
        resident5 = account("RESIDENT", Map.of("regionId", grid2));
        resident4 = account("RESIDENT", Map.of("regionId", grid3));
        secretary2 = account("COMMUNITY_ADMIN", Map.of("regionId", regions.get("和平社区")));
        secretary3 = account("COMMUNITY_ADMIN", Map.of("regionId", regions.get("翠苑社区")));
        unit2 = account("UNIT_HANDLER", Map.of("unitId", housing));
        exAdmin = account("DISTRICT_ADMIN", Map.of("regionId", district));
        disabled = account("GRID_LEADER", Map.of("regionId", grid1));
        // each signs in first; a moment later its role is gone or it may no longer sign in
        Api.token(exAdmin);
        Api.token(disabled);
        update(exAdmin, true, Map.of("role", "RESIDENT"));
        update(disabled, false, Map.of("role", "GRID_LEADER", "regionId", grid1));
    }

    /** A new account of the district with one role; password "gridloop", so {@link Api#as} signs it in. */
    String account(String role, Map<String, Object> where) {
        String username = unique("matrix.");
        Map<String, Object> binding = new HashMap<>(where);
        binding.put("role", role);
        long id = as("admin").body(Map.of("username", username, "password", Api.PASSWORD, "name", "矩阵" + role,
                "roles", List.of(binding), "mustChangePassword", false)).post("/api/v1/accounts").then().statusCode(201).extract().<Number> path("id")
                .longValue();
        accountIds.put(username, id);
        return username;
    }

    private void update(String username, boolean enabled, Map<String, Object> binding) {
        String path = "/api/v1/accounts/" + id(username);
        String etag = as("admin").get(path).then().statusCode(200).extract().header("ETag");
        as("admin").header("If-Match", etag).body(Map.of("name", "矩阵", "enabled", enabled, "roles", List.of(binding)))
                .put(path).then().statusCode(200);
    }

    long id(String username) {
        return accountIds.computeIfAbsent(username, Api::accountId);
    }

    /** The demo account a persona signs in as; EX and DIS sign in as theirs, KEY and AN as no one. */
    String username(Persona persona) {
        return switch (persona) {
            case RES -> "resident1";
            case PM -> "party1";
            case GM -> "gridmember1";
            case GL -> "leader1";
            case CA -> "secretary1";
            case UH -> "unit1";
            case DA -> "admin";
            case EX -> exAdmin;
            case DIS -> disabled;
            case KEY, AN -> null;
        };
    }

    RequestSpecification request(Persona persona) {
        return switch (persona) {
            case KEY -> given().contentType(ContentType.JSON).header("X-API-Key", API_KEY);
            case AN -> Api.anonymous();
            default -> as(username(persona));
        };
    }

    /** The resource a target names, as seen from the persona (see {@link AuthorizationMatrix}). */
    Place place(Persona persona, Target target) {
        Place own = switch (persona) {
            case GM -> new Place(grid1, "resident1", "gridmember1", null);
            case UH -> new Place(grid1, "resident1", "unit1", urban);
            default -> new Place(grid1, "resident1", "party1", null);
        };
        Place foreign = switch (persona) {
            case RES, PM -> new Place(grid1, "resident2", "party2", null);
            case CA, UH -> new Place(grid3, resident4, unit2, housing);
            default -> new Place(grid2, resident5, "party1", null);
        };
        return switch (target) {
            case ANY, OWN -> own;
            case FOREIGN -> foreign;
            case OUTSIDE -> new Place(grid5, "resident3", "party3", null);
        };
    }

    /**
     * The account a target names: the persona's own (a new one for KEY and AN, which have none, so
     * nobody else's try touches it), or the target's reporter.
     */
    String person(Persona persona, Target target) {
        if (target == Target.FOREIGN || target == Target.OUTSIDE) {
            return place(persona, target).reporter();
        }
        String username = username(persona);
        return username != null ? username : account("RESIDENT", Map.of());
    }

    /** A ticket at the place and stage: a new one, or (not fresh) the one all refused tries at that place and stage share. */
    long ticket(Place place, Stage stage, boolean fresh) {
        return fresh ? ticket(place, stage) : shared.computeIfAbsent(place + " " + stage, key -> ticket(place, stage));
    }

    /** A ticket at the place, filed by its reporter (into their home grid) and taken through the API to the stage. */
    private long ticket(Place place, Stage stage) {
        long id = as(place.reporter()).body(Map.of("categoryCode", "GARBAGE", "title", unique("矩阵"), "description", "授权矩阵"))
                .post("/api/v1/tickets").then().statusCode(201).extract().<Number> path("id").longValue();
        String path = "/api/v1/tickets/" + id;
        if (stage == Stage.SUBMITTED) {
            return id;
        }
        Map<String, Object> dispatch = place.unitId() != null ? Map.of("target", "UNIT", "unitId", place.unitId())
                : Map.of("target", "ACCOUNT", "assigneeId", id(place.assignee()));
        as(dispatcher(place.gridId())).body(dispatch).post(path + "/dispatch").then().statusCode(200);
        if (stage == Stage.DISPATCHED) {
            return id;
        }
        as(place.assignee()).body(Map.of()).post(path + "/claim").then().statusCode(200);
        if (stage == Stage.EXTENSION_ASKED) {
            as(place.assignee()).body(Map.of("dueAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).toString(),
                    "reason", "需要协调")).post(path + "/extension-requests").then().statusCode(200);
        } else if (stage == Stage.RESOLVED) {
            as(place.assignee()).body(Map.of("resolution", "已清理")).post(path + "/resolve").then().statusCode(200);
        }
        return id;
    }

    /** Who dispatches (and leads) the grid's tickets: its grid leader, or its community's admin. */
    String dispatcher(long gridId) {
        if (gridId == grid1) {
            return "leader1";
        }
        if (gridId == grid2) {
            return "secretary1";
        }
        return gridId == grid3 ? secretary2 : secretary3;
    }

    /** The rows of a table whose column has the value, as text: equal before and after means unchanged. */
    String rows(String table, String column, Object value) {
        return Sql.column(dataSource, "SELECT coalesce(string_agg(x::text, '|' ORDER BY x::text), '') FROM " + table
                + " x WHERE " + column + " = ?", value).get(0).toString();
    }

    /** A ticket with all that hangs on it: its row, timeline, extension requests and notifications. */
    String ticketState(long id) {
        return rows("ticket", "id", id) + rows("ticket_event", "ticket_id", id) + rows("ticket_extension", "ticket_id", id)
                + rows("notification", "ticket_id", id);
    }
}
