package io.gridloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * (d) The {@code race} command: two instances on one database, many party members claiming one
 * pooled ticket at once, half through each instance. SPEC §1.6: exactly one wins, the others get
 * 409. Checked in the answers and in the database (one claim event, the winner is the assignee).
 */
final class ClaimRace {

    private final Options options;
    private final Api a;
    private final Api b;

    ClaimRace(Options options) {
        this.options = options;
        this.a = new Api(options.required("url-a"));
        this.b = new Api(options.required("url-b"));
    }

    /** One ticket's race as the claimers saw it. */
    record Outcome(long ticketId, int ok, int[] conflicts, int[] notFound, Map<Integer, Integer> others, Long winnerId,
            boolean winnerOnA, double millis) {

        int losers409() {
            return conflicts[0] + conflicts[1];
        }
    }

    int run() throws Exception {
        int tickets = options.integer("tickets", 20);
        int claimers = options.integer("claimers", 50);
        Session resident = a.login("resident1");
        Session leader = b.login("leader1");
        long community = a.get(a.login("secretary1"), "/api/v1/me", 200).path("regions").path(0).path("id").asLong();
        System.out.printf("(d) claim race: %d tickets, %d claimers (PARTY_MEMBER of community %d), half on each instance%n",
                tickets, claimers, community);
        List<Session> sessions = createClaimers(claimers, community);
        warmUpB();

        ExecutorService racers = Executors.newFixedThreadPool(claimers);
        try (Database database = new Database(options.required("pg-port"))) {
            // a connection per racer to its instance before the first race
            List<Callable<JsonNode>> greetings = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                int n = i;
                greetings.add(() -> instance(n).get(sessions.get(n), "/api/v1/me", 200));
            }
            for (Future<JsonNode> greeting : racers.invokeAll(greetings)) {
                greeting.get();
            }
            System.out.printf("  %8s %4s %9s %9s %6s %14s %8s%n", "ticket", "200", "409 A/B", "404 A/B", "other", "winner",
                    "race ms");
            List<Outcome> outcomes = new ArrayList<>();
            for (int t = 0; t < tickets; t++) {
                long id = a.post(resident, "/api/v1/tickets", Workload.FILING, 201).path("id").asLong();
                b.post(leader, "/api/v1/tickets/" + id + "/dispatch", Api.json(Bodies.TO_POOL), 200);
                Outcome outcome = race(racers, sessions, id);
                print(outcome);
                outcomes.add(outcome);
            }
            return check(outcomes, claimers, database.claimed(outcomes.stream().map(Outcome::ticketId).toList())) ? 0 : 1;
        } finally {
            racers.shutdownNow();
        }
    }

    /** Even claimers go through A, odd ones through B. */
    private Api instance(int claimer) {
        return claimer % 2 == 0 ? a : b;
    }

    /** The district admin creates the claimers; each signs in on the instance it will claim on. */
    private List<Session> createClaimers(int claimers, long community) throws Exception {
        Session admin = a.login("admin");
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        ExecutorService setup = Executors.newFixedThreadPool(4);
        try {
            List<Future<Session>> created = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                int n = i;
                created.add(setup.submit(() -> {
                    String username = "race_" + run + "_" + n;
                    a.post(admin, "/api/v1/accounts", Api.json(new Bodies.NewAccount(username, Api.PASSWORD, "抢单党员" + n,
                            List.of(new Bodies.RoleBinding("PARTY_MEMBER", community)), false)), 201);
                    return instance(n).login(username);
                }));
            }
            List<Session> sessions = new ArrayList<>();
            for (Future<Session> f : created) {
                sessions.add(f.get(120, TimeUnit.SECONDS));
            }
            return sessions;
        } finally {
            setup.shutdown();
        }
    }

    /** B has just started: with its JIT cold, A won every race. */
    private void warmUpB() throws Exception {
        int seconds = options.integer("warmup", 20);
        if (seconds <= 0) {
            return;
        }
        int workers = options.integer("workers", 32);
        Workload onB = new Workload(b);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            Phase.Result w = Phase.run(pool, workers, new Cpu(null, null), "  warm-up of instance B (whole loops)", seconds,
                    onB::loop);
            System.out.printf("  %d loops on B, %d failed%n", w.ok(), w.failed());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every claimer waits on one latch, then all claim the ticket at once. */
    private Outcome race(ExecutorService racers, List<Session> sessions, long id) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> shots = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            int n = i;
            shots.add(racers.submit(() -> {
                go.await();
                return instance(n).status(sessions.get(n), "/api/v1/tickets/" + id + "/claim", Api.NO_BODY);
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        int ok = 0;
        int[] conflicts = new int[2];
        int[] notFound = new int[2];
        Map<Integer, Integer> others = new TreeMap<>();
        Long winner = null;
        boolean winnerOnA = false;
        for (int n = 0; n < shots.size(); n++) {
            int status = shots.get(n).get(60, TimeUnit.SECONDS);
            int side = n % 2; // 0 = A, 1 = B
            switch (status) {
                case 200 -> {
                    ok++;
                    winner = sessions.get(n).accountId();
                    winnerOnA = side == 0;
                }
                case 409 -> conflicts[side]++;
                case 404 -> notFound[side]++;
                default -> others.merge(status, 1, Integer::sum);
            }
        }
        return new Outcome(id, ok, conflicts, notFound, others, winner, winnerOnA, (System.nanoTime() - start) / 1e6);
    }

    private static void print(Outcome o) {
        String winner = o.ok() == 1 ? o.winnerId() + (o.winnerOnA() ? " on A" : " on B") : "-";
        int other = o.others().values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("  %8d %4d %9s %9s %6d %14s %8.0f%s%n", o.ticketId(), o.ok(), o.conflicts()[0] + "/" + o.conflicts()[1],
                o.notFound()[0] + "/" + o.notFound()[1], other, winner, o.millis(), o.others().isEmpty() ? "" : "  " + o.others());
    }

    /** The answers and the database's word: one winner, one claim event, the winner assigned, 409 for the rest. */
    private static boolean check(List<Outcome> outcomes, int claimers, List<Database.Claimed> rows) {
        int tickets = outcomes.size();
        long oneWinner = outcomes.stream().filter(o -> o.ok() == 1 && o.others().isEmpty()).count();
        long all409 = outcomes.stream().filter(o -> o.losers409() == claimers - 1).count();
        long winsOnA = outcomes.stream().filter(o -> o.ok() == 1 && o.winnerOnA()).count();
        long notFound = outcomes.stream().mapToLong(o -> o.notFound()[0] + o.notFound()[1]).sum();
        Map<Long, Long> winners = new TreeMap<>();
        outcomes.forEach(o -> winners.put(o.ticketId(), o.winnerId()));
        int oneEvent = 0;
        int assigned = 0;
        for (Database.Claimed row : rows) {
            oneEvent += row.claimEvents() == 1 ? 1 : 0;
            assigned += "CLAIMED".equals(row.status()) && row.assigneeId() != null
                    && row.assigneeId().equals(winners.get(row.ticketId())) ? 1 : 0;
            if (row.claimEvents() != 1) {
                System.out.printf("  ticket %d has %d claim events%n", row.ticketId(), row.claimEvents());
            }
        }
        System.out.printf("  winners: %d on A, %d on B%n", winsOnA, oneWinner - winsOnA);
        System.out.printf("  exactly one 200 per ticket:            %d of %d%s%n", oneWinner, tickets, mark(oneWinner == tickets));
        System.out.printf("  exactly one claim event per ticket:    %d of %d%s%n", oneEvent, tickets, mark(oneEvent == tickets));
        System.out.printf("  status CLAIMED, assignee = the winner: %d of %d%s%n", assigned, tickets, mark(assigned == tickets));
        System.out.printf("  losers answered 409 (SPEC §1.6):       %d of %d tickets had %d 409s%s%n", all409, tickets,
                claimers - 1, mark(all409 == tickets));
        if (notFound > 0) {
            System.out.printf("  %d of %d losing claims were 404, not 409%n", notFound, (long) tickets * (claimers - 1));
        }
        return oneWinner == tickets && oneEvent == tickets && assigned == tickets && all409 == tickets;
    }

    private static String mark(boolean ok) {
        return ok ? "  ok" : "  FAIL";
    }
}
