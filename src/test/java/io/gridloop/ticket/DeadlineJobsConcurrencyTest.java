package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.support.Api.unique;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.gridloop.support.Catalog;
import io.gridloop.support.Sql;
import io.gridloop.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/** SPEC §1.7 "each item is done once": every job run twice at the same moment over the same tickets. */
@QuarkusTest
class DeadlineJobsConcurrencyTest {

    private static final int TICKETS = 40;

    @Inject
    TestClock clock;

    @Inject
    DeadlineJobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void two_runs_of_each_job_at_once_handle_every_ticket_exactly_once() throws Exception {
        String category = Catalog.uniqueCode("RACE");
        Map<String, Object> body = Catalog.category(category);
        body.put("responseLimit", new LinkedHashMap<>(Map.of("value", 2, "unit", "HOURS")));
        body.put("resolutionLimit", new LinkedHashMap<>(Map.of("value", 24, "unit", "HOURS")));
        as("admin").body(body).post("/api/v1/categories").then().statusCode(201);
        OffsetDateTime start = OffsetDateTime.parse("2026-11-02T09:00:00+08:00");
        clock.set(start);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            long id = file("resident1", ticket(category, unique("并发作业-")));
            action("leader1", id, "dispatch", Map.of("target", "POOL")).then().statusCode(200);
            action("party1", id, "claim", Map.of()).then().statusCode(200);
            ids.add(id);
        }

        clock.set(start.plusHours(21));   // resolution due in 3 h: inside the 4 h lead
        assertThat(twice(jobs::remind), greaterThanOrEqualTo(TICKETS));
        assertEach(ids, "remind", 1);
        assertEquals((long) TICKETS, Sql.count(dataSource, "SELECT count(*) FROM ticket_reminder WHERE ticket_id = ANY (?)",
                (Object) ids.toArray(Long[]::new)));

        clock.set(start.plusHours(25));
        assertThat(twice(jobs::scanOverdue), greaterThanOrEqualTo(TICKETS));
        assertEach(ids, "escalate", 1);

        for (long id : ids) {
            action("party1", id, "resolve", Map.of("resolution", "已清运")).then().statusCode(200);
        }
        clock.set(start.plusHours(25).plusDays(7).plusMinutes(1));
        assertThat(twice(jobs::autoClose), greaterThanOrEqualTo(TICKETS));
        assertEach(ids, "auto-close", 1);
        assertEquals((long) TICKETS, Sql.count(dataSource,
                "SELECT count(*) FROM ticket WHERE id = ANY (?) AND status = 'CLOSED' AND rating = 'NOT_RATED'",
                (Object) ids.toArray(Long[]::new)));
    }

    /** Runs the job on two threads released together; returns what both did. */
    private static int twice(IntSupplier job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return job.getAsInt();
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get(60, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertEach(List<Long> ids, String action, long times) {
        for (long id : ids) {
            assertEquals(times, Sql.count(dataSource, "SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND action = ?",
                    id, action), action + " of ticket " + id);
        }
    }
}
