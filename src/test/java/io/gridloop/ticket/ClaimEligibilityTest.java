package io.gridloop.ticket;

import static io.gridloop.support.Api.as;
import static io.gridloop.ticket.TicketFixtures.account;
import static io.gridloop.ticket.TicketFixtures.action;
import static io.gridloop.ticket.TicketFixtures.community1;
import static io.gridloop.ticket.TicketFixtures.file;
import static io.gridloop.ticket.TicketFixtures.grid1;
import static io.gridloop.ticket.TicketFixtures.grid5;
import static io.gridloop.ticket.TicketFixtures.parentOf;
import static io.gridloop.ticket.TicketFixtures.pooled;
import static io.gridloop.ticket.TicketFixtures.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.gridloop.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may claim a grid's pooled tickets is one rule ({@code account.ClaimEligibility}) asked in four
 * places: the claim itself, the pool listing, dispatch to a named account, and who is told of a new
 * pooled ticket. On the same bindings, all four name the same people.
 */
@QuarkusTest
class ClaimEligibilityTest {

    @Test
    void the_claim_the_pool_dispatch_to_an_account_and_the_pool_notice_agree_on_who_may_claim() {
        long grid1 = grid1();
        long otherGrid = otherGridOf(community1(), grid1);
        List<String> candidates = List.of("party1", "party2", "gridmember1", "party3", "leader1", "secretary1", "resident1",
                account("pm", "PARTY_MEMBER", community1()),
                account("gm", "GRID_MEMBER", grid1),
                account("gm-other", "GRID_MEMBER", otherGrid),
                account("pm-other", "PARTY_MEMBER", parentOf(grid5())),
                account("leader", "GRID_LEADER", grid1));

        long noticed = pooled("STREETLIGHT", Api.unique("路灯不亮 "));
        Set<String> told = eligible(candidates, c -> as(c).queryParam("limit", 100).get("/api/v1/me/notifications").then()
                .statusCode(200).extract().jsonPath().<Number> getList("items.findAll { it.kind == 'DISPATCHED' }.ticketId")
                .stream().anyMatch(id -> id.longValue() == noticed));
        Set<String> listed = eligible(candidates, c -> as(c).queryParam("limit", 100).get("/api/v1/tickets/pool").then()
                .statusCode(200).extract().jsonPath().<Number> getList("items.id").stream()
                .anyMatch(id -> id.longValue() == noticed));
        Set<String> claimed = eligible(candidates, c -> {
            int status = action(c, pooled("STREETLIGHT", Api.unique("路灯不亮 ")), "claim", Map.of()).statusCode();
            assertEquals(true, status == 200 || status == 403 || status == 404, c + " claimed with " + status);
            return status == 200;
        });
        Set<String> dispatchable = eligible(candidates, c -> {
            long id = file("resident1", ticket("STREETLIGHT", Api.unique("路灯不亮 ")));
            int status = action("leader1", id, "dispatch", Map.of("target", "ACCOUNT", "assigneeId", Api.accountId(c)))
                    .statusCode();
            assertEquals(true, status == 200 || status == 400, c + " dispatched with " + status);
            return status == 200;
        });

        assertEquals(new TreeSet<>(List.of("party1", "party2", "gridmember1", candidates.get(7), candidates.get(8))), claimed);
        assertEquals(claimed, listed, "the pool listing");
        assertEquals(claimed, dispatchable, "dispatch to an account");
        assertEquals(claimed, told, "the pool's notice");
    }

    private static Set<String> eligible(List<String> candidates, Predicate<String> test) {
        return candidates.stream().filter(test).collect(Collectors.toCollection(TreeSet::new));
    }

    private static long otherGridOf(long community, long grid) {
        return as("admin").queryParam("parentId", community).queryParam("limit", 100).get("/api/v1/regions").then()
                .statusCode(200).extract().jsonPath().<Number> getList("items.id").stream().map(Number::longValue)
                .filter(id -> id != grid).findFirst().orElseThrow();
    }
}
