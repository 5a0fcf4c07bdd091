package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.grid1;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.gridloop.shared.security.Binding;
import io.gridloop.shared.security.Role;
import io.gridloop.shared.sql.Where;
import io.gridloop.support.Api;
import io.gridloop.support.Problems;
import io.gridloop.support.RawAnswers;
import io.gridloop.support.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * GET /tickets/export.csv (SPEC §2a): the list's filters and scope, every row, streamed as CSV that
 * Excel opens (BOM), quoted as RFC 4180 says, safe from formulas, phones masked as in the JSON, and on
 * record in the audit. Each test's tickets carry a marker word, so {@code q} selects only them.
 */
@QuarkusTest
class TicketExportTest {

    private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    private static Response export(String username, Map<String, Object> filters) {
        return as(username).accept("text/csv").queryParams(filters).get("/api/v1/tickets/export.csv");
    }

    /** The rows of an export, the header first, as RFC 4180 reads them; the BOM is checked and cut. */
    private static List<Map<String, String>> rows(byte[] body) {
        assertArrayEquals(BOM, Arrays.copyOf(body, 3), "UTF-8 with a byte order mark");
        List<List<String>> lines = parse(new String(body, 3, body.length - 3, StandardCharsets.UTF_8));
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < line.size(); i++) {
                row.put(lines.get(0).get(i), line.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** A strict RFC 4180 reader: every record ends with CRLF, quotes only around whole fields. */
    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                int end = i + 1;
                while (true) {
                    int quote = text.indexOf('"', end);
                    if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                        field.append(text, end, quote + 1);
                        end = quote + 2;
                    } else {
                        field.append(text, end, quote);
                        i = quote + 1;
                        break;
                    }
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertEquals('\n', text.charAt(i + 1), "records end with CRLF");
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertFalse(c == '\n' || c == '"', "a line break or a quote outside quotes at " + i);
                field.append(c);
            }
            i++;
        }
        assertTrue(record.isEmpty() && field.isEmpty(), "the last record ends with CRLF");
        return records;
    }

    @Test
    void the_export_is_the_lists_selection_quoted_formula_safe_with_masked_phones() {
        String marker = "zz" + System.nanoTime();
        Map<String, Object> body = ticket("STREETLIGHT", "=HYPERLINK(\"http://x\") 路灯 " + marker);
        body.put("description", "第一行，有逗号, \"引号\"\n第二行");
        long formula = file("resident1", body);
        long plain = file("resident1", ticket("STREETLIGHT", "-路灯闪烁 " + marker));
        long elsewhere = file("resident3", ticket("STREETLIGHT", "路灯不亮 " + marker));
        action("leader1", plain, "triage", Map.of("matterClass", "MINOR")).then().statusCode(200);

        Response response = export("leader1", Map.of("q", marker));
        response.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"tickets.csv\"");
        List<Map<String, String>> rows = rows(response.asByteArray());

        assertEquals(List.of(String.valueOf(plain), String.valueOf(formula)), rows.stream().map(r -> r.get("id")).toList(),
                "the leader's grid only (resident3's ticket is in another community), newest first");
        Map<String, String> first = rows.get(1);
        assertEquals("'=HYPERLINK(\"http://x\") 路灯 " + marker, first.get("title"), "a formula is text");
        assertEquals("第一行，有逗号, \"引号\"\n第二行", first.get("description"));
        assertEquals("'-路灯闪烁 " + marker, rows.get(0).get("title"));
        assertEquals("TRIAGED", rows.get(0).get("status"));
        assertEquals("STREETLIGHT", first.get("categoryCode"));
        String phone = first.get("reporterPhone");
        assertTrue(phone.matches("\\d{3}\\*{4}\\d{4}"), "masked as in the JSON: " + phone);
        assertEquals(as("leader1").get("/api/v1/tickets/" + formula).then().extract().path("reporter.phone"), phone);
        assertEquals(as("leader1").get("/api/v1/tickets/" + formula).then().extract().path("createdAt"),
                first.get("createdAt"));

        assertEquals(List.of(String.valueOf(elsewhere)), rows(export("admin", Map.of("q", "不亮 " + marker)).asByteArray())
                .stream().map(r -> r.get("id")).toList(), "the district admin sees every grid");
        assertEquals(List.of(String.valueOf(plain)), rows(export("leader1", Map.of("q", marker, "status", "TRIAGED"))
                .asByteArray()).stream().map(r -> r.get("id")).toList(), "the list's filters");
        assertEquals(List.of(), rows(export("secretary1", Map.of("q", marker, "gridId", grid1() + 999_999)).asByteArray()));
    }

    @Test
    void each_export_is_on_record_as_a_personal_data_read() {
        String marker = "zz" + System.nanoTime();
        file("resident1", ticket("STREETLIGHT", "路灯 " + marker));
        long before = Sql.count(dataSource, "SELECT count(*) FROM audit_event WHERE subject = 'ticket-export'");

        export("secretary1", Map.of("q", marker, "kind", "ISSUE")).then().statusCode(200);

        List<Object> entries = Sql.column(dataSource, "SELECT kind || ' ' || actor_id || ' ' || details::text FROM audit_event"
                + " WHERE subject = 'ticket-export' ORDER BY id DESC LIMIT 1");
        assertEquals(before + 1, Sql.count(dataSource, "SELECT count(*) FROM audit_event WHERE subject = 'ticket-export'"));
        String entry = (String) entries.get(0);
        assertTrue(entry.startsWith("PERSONAL_DATA_READ " + Api.accountId("secretary1") + " "), entry);
        assertTrue(entry.contains("\"rows\": 1") && entry.contains(marker) && entry.contains("\"kind\": \"ISSUE\""), entry);
    }

    @Test
    void only_leaders_export_and_bad_filters_are_refused_as_in_the_list() {
        export("resident1", Map.of()).then().statusCode(403);
        export("party1", Map.of()).then().statusCode(403);
        Problems.problem(export("leader1", Map.of("q", "！？")), 400, "validation");
        Problems.problem(export("leader1", Map.of("overdue", "yes")), 400, "validation");
        Problems.problem(export("leader1", Map.of("regionId", 999_999_999)), 400, "validation");
    }

    /**
     * 50 000 tickets made by SQL, exported through the API: the response is chunked (no length, so not
     * built whole first), and while the client has read only the header the export's transaction is still
     * open in the database, reading on as the client reads: rows stream from the cursor to the client.
     */
    @Test
    void a_large_export_streams_from_the_database_to_the_client() throws Exception {
        String marker = "zz" + System.nanoTime();
        manyTickets(marker, "EXPORT", 50_000, 100_000_000);
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/tickets/export.csv?q="
                            + URLEncoder.encode(marker, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + Api.token("leader1")).header("Accept", "text/csv").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Length").isEmpty(), "streamed, not built whole");
            try (BufferedReader csv = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertTrue(csv.readLine().startsWith("\uFEFFid,number,"));
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(dataSource, "SELECT count(*)"
                        + " FROM pg_stat_activity WHERE xact_start IS NOT NULL AND application_name = ?",
                        TicketExport.APPLICATION_NAME) == 1);
                long lines = 0;
                String line;
                while ((line = csv.readLine()) != null) {
                    assertTrue(line.contains(",批量,139****5678,"), line);
                    lines++;
                }
                assertEquals(50_000, lines);
            }
        } finally {
            Sql.update(dataSource, "DELETE FROM ticket WHERE number LIKE 'EXPORT-%'");
        }
    }

    /**
     * Exports whose clients stop reading hold their threads and connections, so no more than
     * gridloop.tickets.export-concurrency run at once: one more is refused with 503 and Retry-After before anything is
     * read, the rest of the API answers meanwhile, and an export's place is free again once its client went away.
     */
    @Test
    void more_exports_at_once_than_may_run_are_refused_until_one_ends() throws Exception {
        String marker = "zz" + System.nanoTime();
        manyTickets(marker, "BUSY", 20_000, 200_000_000);
        int concurrency = ConfigProvider.getConfig().getValue("gridloop.tickets.export-concurrency", Integer.class);
        Map<String, Object> nothing = Map.of("q", "nothing" + System.nanoTime());
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("localhost", RestAssured.port), 5_000);
                socket.setSoTimeout(10_000);
                stalled.add(socket);
                socket.getOutputStream().write(("GET /api/v1/tickets/export.csv?q=" + marker + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Accept: text/csv\r\nAuthorization: Bearer " + Api.token("leader1") + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(RawAnswers.head(socket.getInputStream()), startsWith("HTTP/1.1 200"));
            }
            Response refused = export("secretary1", nothing);
            Problems.problem(refused, 503, "busy");
            assertEquals("30", refused.header("Retry-After"));
            as("resident1").get("/api/v1/me").then().statusCode(200);

            stalled.remove(0).close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> export("leader1", nothing).statusCode() == 200);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            Sql.update(dataSource, "DELETE FROM ticket WHERE number LIKE 'BUSY-%'");
        }
    }

    /**
     * {@code count} tickets of about a kilobyte each made by SQL in grid 1, numbered {@code prefix}-1 on, titled with
     * the marker, their ids below {@code -idBase}.
     */
    private void manyTickets(String marker, String prefix, int count, int idBase) {
        Sql.update(dataSource, """
                INSERT INTO ticket (id, district_id, number, kind, category_id, title, description, grid_id, grid_path,
                                    address, reporter_name, reporter_phone, source, priority, status)
                SELECT -g - ?, r.district_id, ? || '-' || g, 'ISSUE', c.id, '导出 ' || ?, '第' || g || '次 ' || repeat('y', 800),
                       r.id, r.path, repeat('x', 200), '批量', '13912345678', 'WALK_IN', 'NORMAL', 'SUBMITTED'
                  FROM generate_series(1, ?) g
                  JOIN region r ON r.id = ?
                  JOIN category c ON c.code = 'GARBAGE' AND c.district_id = r.district_id""", idBase, prefix, marker, count, grid1());
    }

    /** The export and its count read the caller's selection through the list's indexes, on 20 000 more tickets of another grid. */
    @Test
    void the_export_reads_through_the_lists_indexes() throws Exception {
        String gridPath = (String) Sql.column(dataSource, "SELECT path FROM region WHERE id = ?", grid1()).get(0);
        long district = as("admin").get("/api/v1/me").then().extract().<Number> path("account.districtId").longValue();
        long leader = Api.accountId("leader1");
        List<Binding> bindings = List.of(new Binding(Role.GRID_LEADER, grid1(), gridPath, null));
        QuarkusTransaction.begin();
        try {
            TicketPlans.addTicketsOfOneGrid(entityManager);
            for (TicketStatus status : Arrays.asList(null, TicketStatus.SUBMITTED)) {
                for (TicketQueries.Statement statement : List.of(
                        TicketQueries.exportStatement(where(district, leader, bindings, status), 1_000_000),
                        TicketQueries.exportCount(where(district, leader, bindings, status), 1_000_001))) {
                    TicketPlans.assertIndexed(json.readTree((String) statement.where()
                            .bind(entityManager.createNativeQuery("EXPLAIN (FORMAT JSON) " + statement.sql())).getSingleResult()));
                }
            }
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private static Where where(long district, long me, List<Binding> bindings, TicketStatus status) {
        return TicketQueries.listWhere(district, me, TicketScope.visibleTo(me, bindings),
                new TicketQueries.Filter(status, null, null, null, null, false, null, null, null), null, null,
                OffsetDateTime.now(), Long.MAX_VALUE);
    }
}
