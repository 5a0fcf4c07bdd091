import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for bench/ticket-loop.sh: drives the ticket loop of a running gridloop over HTTP and
 * prints its figures. Java 17, run with the source launcher, no dependencies: JSON is built as text
 * and read with regular expressions, SQL goes through psql and the raw-SQL ceiling through pgbench.
 *
 * <pre>
 * java bench/LoadGenerator.java measure --url http://127.0.0.1:18081 --psql PSQL --pgbench PGBENCH --pg-port N
 *     [--workers 32] [--warmup 60] [--filing 30] [--loop 30] [--capture 5] [--ceiling 30] [--work-dir DIR]
 *     [--service-pid PID] [--postmaster-pid PID]
 * java bench/LoadGenerator.java race --url-a URL --url-b URL --psql PSQL --pg-port N [--tickets 20] [--claimers 50]
 *     [--warmup 20] [--workers 32] [--service-pid PID_B] [--postmaster-pid PID]
 * </pre>
 */
public class LoadGenerator {

    static final String PASSWORD = "gridloop";
    static final String FILING = """
            {"categoryCode":"GARBAGE","title":"小区东门垃圾未清运","description":"东门口两个垃圾桶两天没人清运，天热气味很大。",\
            "location":{"lat":30.2025,"lng":120.1025,"address":"幸福社区东门"}}""";
    static final String TRIAGE = "{\"matterClass\":\"MINOR\",\"priority\":\"NORMAL\",\"note\":\"小区内环境卫生，社区处理\"}";
    static final String DISPATCH = "{\"target\":\"POOL\"}";
    static final String RESOLVE = "{\"resolution\":\"已联系保洁清运，垃圾桶已清空消毒。\"}";
    static final String FEEDBACK = "{\"rating\":\"SATISFIED\",\"solved\":\"SOLVED\",\"comment\":\"很快，谢谢\"}";
    static final List<String> LOOP_ACTIONS = List.of("file", "triage", "dispatch", "claim", "start", "resolve", "feedback");

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java bench/LoadGenerator.java measure|race --option value ...");
            System.exit(64);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        Options o = new Options(options);
        int status = switch (args[0]) {
            case "measure" -> new Measure(o).run();
            case "race" -> new Race(o).run();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
        System.exit(status);
    }

    // ---------------------------------------------------------------------------------------------
    // (a) filing, (b) the full loop, (c) the raw-SQL ceiling

    static final class Measure {
        final Options o;
        final Api api;
        final Sql sql;
        final int workers;
        final Path workDir;
        final Cpu cpu;
        Session resident1, resident2, leader1;
        Session[] claimers;

        Measure(Options o) {
            this.o = o;
            this.api = new Api(o.required("url"));
            this.sql = new Sql(o.required("psql"), o.required("pg-port"));
            this.workers = o.integer("workers", 32);
            this.workDir = Path.of(o.get("work-dir", System.getProperty("java.io.tmpdir")));
            this.cpu = new Cpu(o.get("service-pid", null), o.get("postmaster-pid", null));
        }

        int run() throws Exception {
            int warmup = o.integer("warmup", 60);
            int filing = o.integer("filing", 30);
            int loop = o.integer("loop", 30);
            int capture = o.integer("capture", 5);
            int ceiling = o.integer("ceiling", filing);

            signIn();
            System.out.printf("signed in resident1, resident2, leader1, party1, party2, gridmember1; %d workers%n", workers);

            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                Phase w = phase(pool, "warm-up (mixed: filings and loops)", warmup,
                        (worker, rec) -> worker % 2 == 0 ? file(worker, rec) : loop(worker, rec));
                System.out.printf("warm-up: %d s, %d units, %d failed%n%n", warmup, w.ok, w.failed);

                Phase a = phase(pool, "(a) filing", filing, this::file);
                printFiling(a);

                sql.resetStatements();
                Phase b = phase(pool, "(b) full loop", loop, this::loop);
                List<Statement> loopStatements = sql.statements();
                printLoop(b, loopStatements);

                Ceiling c = ceiling(pool, capture, ceiling);
                printSummary(w, a, b, c);
                return a.failed + b.failed == 0 && c.ok() ? 0 : 1;
            } finally {
                pool.shutdownNow();
            }
        }

        void signIn() {
            resident1 = api.login("resident1");
            resident2 = api.login("resident2");
            leader1 = api.login("leader1");
            claimers = new Session[] { api.login("party1"), api.login("party2"), api.login("gridmember1") };
        }

        /** One filing, as resident1 or resident2 by the worker's parity. */
        boolean file(int worker, Recorder rec) {
            Session reporter = worker % 2 == 0 ? resident1 : resident2;
            return api.call(rec, "file", reporter, "/api/v1/tickets", FILING, 201) != null;
        }

        /** One whole loop on one ticket: file, triage, dispatch to the pool, claim, start, resolve, feedback. */
        boolean loop(int worker, Recorder rec) {
            Session reporter = worker % 2 == 0 ? resident1 : resident2;
            Session claimer = claimers[worker % claimers.length];
            String created = api.call(rec, "file", reporter, "/api/v1/tickets", FILING, 201);
            if (created == null) {
                return false;
            }
            String path = "/api/v1/tickets/" + Json.number(created, "id");
            return api.call(rec, "triage", leader1, path + "/triage", TRIAGE, 200) != null
                    && api.call(rec, "dispatch", leader1, path + "/dispatch", DISPATCH, 200) != null
                    && api.call(rec, "claim", claimer, path + "/claim", "{}", 200) != null
                    && api.call(rec, "start", claimer, path + "/start", "{}", 200) != null
                    && api.call(rec, "resolve", claimer, path + "/resolve", RESOLVE, 200) != null
                    && api.call(rec, "feedback", reporter, path + "/feedback", FEEDBACK, 200) != null;
        }

        interface Unit {
            boolean run(int worker, Recorder rec);
        }

        record Phase(String name, int ok, int failed, double seconds, Recorder rec, Cpu.Usage cpu) {
            double rate() {
                return ok / seconds;
            }
        }

        /** Every worker repeats the unit until the deadline; a unit under way at the deadline finishes. */
        Phase phase(ExecutorService pool, String name, int seconds, Unit unit) throws Exception {
            System.out.printf("%s: %d s at %d workers ...%n", name, seconds, workers);
            Cpu.Snapshot before = cpu.snapshot();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<Recorder>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                int worker = i;
                futures.add(pool.submit(() -> {
                    Recorder rec = new Recorder();
                    while (System.nanoTime() < deadline) {
                        if (unit.run(worker, rec)) {
                            rec.ok++;
                        } else {
                            rec.failed++;
                        }
                    }
                    return rec;
                }));
            }
            Recorder all = new Recorder();
            for (Future<Recorder> f : futures) {
                all.merge(f.get(seconds + 120L, TimeUnit.SECONDS));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            Cpu.Usage usage = cpu.since(before, elapsed);
            all.errors.forEach((k, v) -> System.out.printf("  unexpected: %dx %s%n", v, k));
            return new Phase(name, all.ok, all.failed, elapsed, all, usage);
        }

        void printFiling(Phase a) {
            Latencies l = a.rec.latencies("file");
            System.out.printf("  %d filings in %.1f s = %.1f requests/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d failed%n",
                    a.ok, a.seconds, a.rate(), l.p(50), l.p(99), l.max(), a.failed);
            System.out.printf("  CPU (cores busy): %s%n%n", a.cpu);
        }

        void printLoop(Phase b, List<Statement> statements) {
            long requests = LOOP_ACTIONS.stream().mapToLong(x -> b.rec.latencies(x).count()).sum();
            System.out.printf("  %d loops in %.1f s = %.2f loops/s (%.1f requests/s); %d failed%n", b.ok, b.seconds, b.rate(),
                    requests / b.seconds, b.failed);
            System.out.printf("  %-10s %8s %9s %9s %9s%n", "request", "count", "p50 ms", "p99 ms", "max ms");
            Latencies all = new Latencies(new long[0]);
            for (String action : LOOP_ACTIONS) {
                Latencies l = b.rec.latencies(action);
                all = all.plus(l);
                System.out.printf("  %-10s %8d %9.1f %9.1f %9.1f%n", action, l.count(), l.p(50), l.p(99), l.max());
            }
            System.out.printf("  %-10s %8d %9.1f %9.1f %9.1f%n", "all", all.count(), all.p(50), all.p(99), all.max());
            long calls = statements.stream().filter(s -> !s.isTransactionControl()).mapToLong(s -> s.calls).sum();
            if (b.ok > 0) {
                System.out.printf("  SQL: %.1f statements per loop (%.1f per request), one transaction per request%n",
                        (double) calls / b.ok, (double) calls / Math.max(1, requests));
            }
            System.out.printf("  CPU (cores busy): %s%n%n", b.cpu);
        }

        // ---- (c) the raw-SQL ceiling -------------------------------------------------------------

        record Ceiling(boolean ran, String why, double tps, double latencyMs, long failed, int filings, boolean complete,
                Cpu.Usage cpu) {
            boolean ok() {
                return ran && failed == 0 && complete;
            }
        }

        Ceiling ceiling(ExecutorService pool, int capture, int seconds) throws Exception {
            System.out.println("(c) raw-SQL ceiling");
            sql.resetStatements();
            Phase cap = phase(pool, "  capture: filing with pg_stat_statements reset", capture, this::file);
            List<Statement> statements = sql.statements();
            int filings = cap.ok + cap.failed;
            if (cap.ok == 0) {
                return new Ceiling(false, "no filing succeeded during the capture", 0, 0, 0, 0, false, null);
            }
            System.out.printf("  statements issued by %d filings (pg_stat_statements, by calls):%n", filings);
            System.out.printf("  %7s %9s %6s  %-7s %s%n", "calls", "/filing", "rows", "script", "statement");
            PgbenchScript script = PgbenchScript.from(statements, filings, sql, resident1, resident2);
            for (Statement s : statements) {
                String mapped = script.mapped.containsKey(s) ? "yes" : s.isTransactionControl() ? "(tx)" : "NO";
                System.out.printf("  %7d %9.2f %6.1f  %-7s %s%n", s.calls, (double) s.calls / filings,
                        s.calls == 0 ? 0 : (double) s.rows / s.calls, mapped, abbreviate(s.query, 110));
            }
            System.out.printf("  per filing: %.1f statements (without BEGIN/COMMIT) in one transaction%n", script.perFiling);
            for (String warning : script.warnings) {
                System.out.println("  WARNING: " + warning);
            }
            Path file = workDir.resolve("filing.pgbench.sql");
            Files.writeString(file, script.text);
            System.out.printf("  pgbench script: %s%n", file);
            String pgbench = o.get("pgbench", "");
            if (pgbench.isBlank() || !Files.isExecutable(Path.of(pgbench))) {
                return new Ceiling(false, "pgbench is not available (" + o.get("pgbench-missing", "not given") + ")",
                        0, 0, 0, filings, script.warnings.isEmpty(), null);
            }
            List<String> command = new ArrayList<>(List.of(pgbench, "-n", "-M", "prepared", "-r", "-c",
                    Integer.toString(workers), "-j", Integer.toString(Math.min(workers, Runtime.getRuntime().availableProcessors())),
                    "-T", Integer.toString(seconds), "-h", "127.0.0.1", "-p", sql.port, "-U", "postgres"));
            script.variables.forEach((k, v) -> command.addAll(List.of("-D", k + "=" + v)));
            command.addAll(List.of("-f", file.toString(), "postgres"));
            System.out.printf("  pgbench: %d clients, %d s, one transaction per filing ...%n", workers, seconds);
            Cpu.Snapshot before = cpu.snapshot();
            long start = System.nanoTime();
            Proc.Result result = Proc.run(command, seconds + 120);
            Cpu.Usage usage = cpu.since(before, (System.nanoTime() - start) / 1e9);
            String out = result.stdout();
            Files.writeString(workDir.resolve("pgbench.out"), out + result.stderr());
            double tps = Json.decimal(out, "tps = ([0-9.]+)");
            double latency = Json.decimal(out, "latency average = ([0-9.]+) ms");
            long failed = (long) Json.decimal(out, "number of failed transactions: ([0-9]+)");
            if (result.exit() != 0 || Double.isNaN(tps) || out.contains("aborted")) {
                System.out.println("  pgbench failed:\n" + indent(out + result.stderr()));
                return new Ceiling(false, "pgbench failed (exit " + result.exit() + ")", 0, 0, failed, filings, false, usage);
            }
            System.out.printf("  %.1f transactions/s, latency average %.2f ms, %d failed%n", tps, latency, failed);
            System.out.println("  pgbench per statement (average latency ms):");
            Matcher m = Pattern.compile("(?m)^\\s+([0-9.]+)\\s+([0-9]+)\\s+(\\S.*)$").matcher(
                    out.substring(Math.max(0, out.indexOf("statement latencies"))));
            while (m.find()) {
                System.out.printf("  %9s  %s%n", m.group(1), abbreviate(m.group(3), 100));
            }
            System.out.printf("  CPU (cores busy): %s%n%n", usage.withClient("pgbench"));
            return new Ceiling(true, null, tps, latency, failed, filings, script.warnings.isEmpty(), usage);
        }

        void printSummary(Phase w, Phase a, Phase b, Ceiling c) {
            Latencies file = a.rec.latencies("file");
            Latencies loopAll = new Latencies(new long[0]);
            for (String action : LOOP_ACTIONS) {
                loopAll = loopAll.plus(b.rec.latencies(action));
            }
            System.out.println("=== ticket loop, " + workers + " concurrent workers =========================================");
            System.out.printf("%-40s %16s %9s %9s%n", "measure", "rate", "p50 ms", "p99 ms");
            System.out.printf("%-40s %10.1f req/s %9.1f %9.1f%n", "(a) filing  POST /api/v1/tickets", a.rate(), file.p(50), file.p(99));
            System.out.printf("%-40s %8.2f loops/s %9.1f %9.1f%n", "(b) full loop, 7 requests per loop", b.rate(), loopAll.p(50),
                    loopAll.p(99));
            System.out.printf("%-40s %10.1f req/s%n", "    of which requests", loopAll.count() / b.seconds);
            if (c.ran) {
                System.out.printf("%-40s %12.1f tx/s %9s %9s%n", "(c) raw-SQL ceiling (pgbench, 1 tx/filing)", c.tps, "",
                        String.format(Locale.ROOT, "avg %.1f", c.latencyMs));
                System.out.printf("%-40s %16.2f%s%n", "    filing ÷ ceiling", a.rate() / c.tps,
                        c.complete ? "" : "  (script incomplete: see warnings)");
            } else {
                System.out.printf("%-40s %s%n", "(c) raw-SQL ceiling", "not measured: " + c.why);
            }
            System.out.printf("failed units: filing %d, loop %d (warm-up %d%s)%n", a.failed, b.failed, w.failed,
                    w.failed == 0 ? "" : ": see 'unexpected' under warm-up, and the service's errors at the end");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The pgbench script: the statements one filing issued, with realistic values

    static final class PgbenchScript {
        final Map<Statement, String> mapped = new LinkedHashMap<>();
        final List<String> warnings = new ArrayList<>();
        final Map<String, String> variables = new LinkedHashMap<>();
        String text;
        double perFiling;

        /** A statement the service issues when filing, and how to issue it again with pgbench variables. */
        record Template(int order, Pattern pattern, Function<String, String> toScript) {
        }

        static PgbenchScript from(List<Statement> statements, int filings, Sql sql, Session resident1, Session resident2) {
            PgbenchScript script = new PgbenchScript();
            long district = resident1.districtId;
            String garbage = sql.value("SELECT id FROM category WHERE district_id = " + district + " AND code = 'GARBAGE'");
            String[] grid = sql.value("SELECT id || '|' || path FROM region WHERE district_id = " + district
                    + " AND type = 'GRID' AND boundary_area @> point(120.1025, 30.2025)"
                    + " ORDER BY area(path(boundary_area)), id LIMIT 1").split("\\|");
            int year = java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
            String sequence = "ticket_number_" + district + "_" + year;
            script.variables.put("n", "0");
            script.variables.put("id_base", "1000000000000");
            script.variables.put("clients", "1000");
            script.variables.put("reporter1", Long.toString(resident1.accountId));
            script.variables.put("reporter2", Long.toString(resident2.accountId));
            script.variables.put("district", Long.toString(district));
            script.variables.put("category", garbage);
            script.variables.put("grid", grid[0]);
            script.variables.put("grid_path", grid[1]);

            Map<String, String> ticket = new TreeMap<>(Map.ofEntries(
                    Map.entry("id", ":ticket_id"), Map.entry("district_id", ":district"),
                    Map.entry("number", "'GL-" + year + "-' || lpad(:nextval::text, 6, '0')"),
                    Map.entry("kind", "'ISSUE'"), Map.entry("category_id", ":category"),
                    Map.entry("title", "'小区东门垃圾未清运'"), Map.entry("description", "'东门口两个垃圾桶两天没人清运，天热气味很大。'"),
                    Map.entry("lat", "30.2025"), Map.entry("lng", "120.1025"), Map.entry("address", "'幸福社区东门'"),
                    Map.entry("grid_id", ":grid"), Map.entry("grid_path", ":grid_path"), Map.entry("reporter_id", ":reporter"),
                    Map.entry("anonymous", "false"), Map.entry("source", "'MINI_PROGRAM'"), Map.entry("priority", "'NORMAL'"),
                    Map.entry("status", "'SUBMITTED'"), Map.entry("supervision", "'NORMAL'"),
                    Map.entry("escalation", "'NORMAL'"), Map.entry("reopen_count", "0"),
                    Map.entry("flagged_for_community", "false"), Map.entry("version", "0"), Map.entry("updated_at", "now()"),
                    Map.entry("created_at", "now()")));
            Map<String, String> event = Map.of("id", ":ticket_id", "ticket_id", ":ticket_id", "district_id", ":district",
                    "actor_id", ":reporter", "actor_role", "'RESIDENT'", "action", "'file'", "to_status", "'SUBMITTED'",
                    "created_at", "now()");
            String lng = "120.1025", lat = "30.2025";
            // pg_stat_statements shows a statement with its constants as $n when it first sees it parsed, but as
            // sent (constants as literals) when its first execution after the reset reuses a prepared statement;
            // "§" matches either. Bind parameters are $n in both; only $n are replaced below.
            List<Template> templates = List.of(
                    template(10, "SELECT a\\.district_id, b\\.role, .* WHERE a\\.id = \\$1 AND a\\.enabled",
                            q -> params(q, ":reporter")),
                    template(20, "select c1_0\\.id,.* from Category c1_0 where c1_0\\.district_id=\\$1 and c1_0\\.code=\\$2 fetch first § rows only",
                            q -> params(q, ":district", "'GARBAGE'", "1")),
                    template(30, "SELECT id FROM region WHERE district_id = \\$1 AND type = § AND boundary_area && .* LIMIT §",
                            q -> params(q, ":district", lng, lat, lng, lat, lng, lat, "'GRID'", "1")),
                    template(40, "SELECT (id, )?path FROM region WHERE id = \\$1 AND district_id = \\$2 AND type = §",
                            q -> params(q, ":grid", ":district", "'GRID'")),
                    // one entry for every nextval: the ticket number's, and the id blocks Hibernate fetches for
                    // ticket and ticket_event (one per 50 rows); all are issued on the number's sequence
                    template(50, "(?i)SELECT nextval\\(§\\)", q -> "SELECT nextval('" + sequence + "')"),
                    template(60, "insert into Ticket \\((.*)\\) values \\((.*)\\)", q -> insert(q, ticket)),
                    template(70, "insert into ticket_event \\((.*)\\) values \\((.*)\\)", q -> insert(q, event)),
                    template(80, "SELECT id, code FROM category WHERE id IN \\(\\$1\\)", q -> params(q, ":category")),
                    template(90, "SELECT id, name, phone FROM account WHERE id IN \\(\\$1\\)", q -> params(q, ":reporter")),
                    template(100, "SELECT duplicate_of, id FROM ticket WHERE duplicate_of IN \\(\\$1\\) ORDER BY id",
                            q -> params(q, ":ticket_id")));

            record Line(int order, Statement statement, String sql) {
            }
            List<Line> lines = new ArrayList<>();
            for (Statement s : statements) {
                if (s.isTransactionControl()) {
                    continue;
                }
                double rate = (double) s.calls / filings;
                String query = s.normalized();
                Template template = templates.stream().filter(t -> t.pattern.matcher(query).matches()).findFirst().orElse(null);
                if (template == null) {
                    if (rate >= 0.05) {
                        script.warnings.add(String.format(Locale.ROOT,
                                "%.2f per filing not in the script (no template; the ceiling is too high): %s", rate,
                                abbreviate(query, 120)));
                    }
                    continue;
                }
                script.perFiling += rate;
                String line = template.toScript.apply(query);
                script.mapped.put(s, line);
                lines.add(new Line(template.order, s, line));
            }
            lines.sort(Comparator.comparingInt(Line::order));

            StringBuilder text = new StringBuilder();
            text.append("-- The statements one filing (POST /api/v1/tickets) issued, as pg_stat_statements counted them over ")
                    .append(filings).append(" filings;\n-- written by bench/LoadGenerator.java. A statement issued r times per")
                    .append(" filing is issued floor(r) times plus once more with probability frac(r).\n");
            text.append("\\set n :n + 1\n");
            text.append("\\set ticket_id :id_base + :n * :clients + :client_id\n");
            text.append("\\set reporter :reporter1 + random(0, 1) * (:reporter2 - :reporter1)\n");
            text.append("BEGIN;\n");
            boolean numbered = false;
            for (Line line : lines) {
                double rate = (double) line.statement.calls / filings;
                long whole = Math.round(rate);
                double extra = 0;
                if (Math.abs(rate - whole) > 0.02) {
                    whole = (long) Math.floor(rate);
                    extra = rate - whole;
                }
                for (long i = 0; i < whole; i++) {
                    boolean gset = line.order == 50 && !numbered;
                    numbered |= gset;
                    text.append(line.sql).append(gset ? " \\gset\n" : ";\n");
                }
                if (extra > 0) {
                    text.append(String.format(Locale.ROOT, "\\set p random(1, 10000)\n\\if :p <= %d\n%s;\n\\endif\n",
                            Math.round(extra * 10000), line.sql));
                }
            }
            text.append("COMMIT;\n");
            if (!numbered) {
                script.warnings.add("no nextval per filing was captured; the ticket number cannot be made");
            }
            script.text = text.toString();
            return script;
        }

        static Template template(int order, String regex, Function<String, String> toScript) {
            return new Template(order, Pattern.compile(regex.replace("§", "(?:\\$\\d+|'[^']*'|-?[0-9.]+)")), toScript);
        }

        /** The statement with $1, $2, ... replaced by the given values. */
        static String params(String query, String... values) {
            Matcher m = Pattern.compile("\\$(\\d+)").matcher(query);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int index = Integer.parseInt(m.group(1)) - 1;
                if (index >= values.length) {
                    throw new IllegalStateException("no value for $" + (index + 1) + " in " + query);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(values[index]));
            }
            m.appendTail(out);
            return out.toString();
        }

        /** An INSERT with each column's value taken from the map by name; columns not in it are NULL. */
        static String insert(String query, Map<String, String> values) {
            Matcher m = Pattern.compile("insert into (\\S+) \\((.*)\\) values \\((.*)\\)").matcher(query);
            if (!m.matches()) {
                throw new IllegalStateException(query);
            }
            String[] columns = m.group(2).split(",");
            String[] placeholders = m.group(3).split(",");
            String[] ordered = new String[placeholders.length];
            for (int i = 0; i < columns.length; i++) {
                int index = Integer.parseInt(placeholders[i].trim().substring(1)) - 1;
                ordered[index] = values.getOrDefault(columns[i].trim(), "NULL");
            }
            return params(query, ordered);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // (d) the claim race on two instances

    static final class Race {
        final Options o;
        final Api a, b;
        final Sql sql;

        Race(Options o) {
            this.o = o;
            this.a = new Api(o.required("url-a"));
            this.b = new Api(o.required("url-b"));
            this.sql = new Sql(o.required("psql"), o.required("pg-port"));
        }

        int run() throws Exception {
            int tickets = o.integer("tickets", 20);
            int claimers = o.integer("claimers", 50);
            Session admin = a.login("admin");
            Session secretary = a.login("secretary1");
            Session resident = a.login("resident1");
            Session leader = b.login("leader1");
            String me = a.get(secretary, "/api/v1/me", 200);
            Matcher region = Pattern.compile("\"regions\":\\[\\{\"id\":(\\d+)").matcher(me);
            if (!region.find()) {
                throw new IllegalStateException("secretary1 has no region: " + me);
            }
            long community = Long.parseLong(region.group(1));
            String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
            System.out.printf("(d) claim race: %d tickets, %d claimers (PARTY_MEMBER of community %d), half on each instance%n",
                    tickets, claimers, community);

            // the claimers: created by the district admin, signed in on the instance they will claim on
            ExecutorService setup = Executors.newFixedThreadPool(4);
            List<Future<Session>> created = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                int n = i;
                created.add(setup.submit(() -> {
                    String username = "race_" + run + "_" + n;
                    a.post(admin, "/api/v1/accounts", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                            + "\",\"name\":\"抢单党员" + n + "\",\"roles\":[{\"role\":\"PARTY_MEMBER\",\"regionId\":" + community
                            + "}]}", 201);
                    return (n % 2 == 0 ? a : b).login(username);
                }));
            }
            Session[] sessions = new Session[claimers];
            for (int i = 0; i < claimers; i++) {
                sessions[i] = created.get(i).get(120, TimeUnit.SECONDS);
            }
            setup.shutdown();

            // B has just started: without a warm-up its JIT is cold and every race is won on A
            int warmup = o.integer("warmup", 20);
            if (warmup > 0) {
                Map<String, String> bOptions = new LinkedHashMap<>(o.values);
                bOptions.put("url", o.required("url-b"));
                Measure onB = new Measure(new Options(bOptions));
                onB.signIn();
                ExecutorService pool = Executors.newFixedThreadPool(onB.workers);
                try {
                    Measure.Phase w = onB.phase(pool, "  warm-up of instance B (whole loops)", warmup, onB::loop);
                    System.out.printf("  %d loops on B, %d failed%n", w.ok, w.failed);
                } finally {
                    pool.shutdownNow();
                }
            }

            ExecutorService racers = Executors.newFixedThreadPool(claimers);
            try {
                // open a connection per racer to each instance before the first race
                runAll(racers, claimers, i -> (i % 2 == 0 ? a : b).get(sessions[i], "/api/v1/me", 200));

                System.out.printf("  %8s %4s %9s %9s %6s %14s %8s%n", "ticket", "200", "409 A/B", "404 A/B", "other", "winner",
                        "race ms");
                List<long[]> results = new ArrayList<>(); // ticket id, winner account id
                int bad = 0, wrongCode = 0, notFound = 0, losers = 0, winsOnA = 0;
                for (int t = 0; t < tickets; t++) {
                    long id = Json.number(a.post(resident, "/api/v1/tickets", FILING, 201), "id");
                    b.post(leader, "/api/v1/tickets/" + id + "/dispatch", DISPATCH, 200);
                    CountDownLatch go = new CountDownLatch(1);
                    List<Future<int[]>> shots = new ArrayList<>();
                    for (int i = 0; i < claimers; i++) {
                        int n = i;
                        shots.add(racers.submit(() -> {
                            go.await();
                            Api instance = n % 2 == 0 ? a : b;
                            return new int[] { instance.status(sessions[n], "/api/v1/tickets/" + id + "/claim", "{}"), n };
                        }));
                    }
                    long start = System.nanoTime();
                    go.countDown();
                    int ok = 0, other = 0;
                    int[] conflict = new int[2], gone = new int[2];
                    String winner = "-";
                    long winnerId = -1;
                    Map<Integer, Integer> others = new TreeMap<>();
                    for (Future<int[]> shot : shots) {
                        int[] r = shot.get(60, TimeUnit.SECONDS);
                        int instance = r[1] % 2; // 0 = A, 1 = B
                        switch (r[0]) {
                            case 200 -> {
                                ok++;
                                winnerId = sessions[r[1]].accountId;
                                winner = winnerId + (instance == 0 ? " on A" : " on B");
                                winsOnA += instance == 0 ? 1 : 0;
                            }
                            case 409 -> conflict[instance]++;
                            case 404 -> gone[instance]++;
                            default -> {
                                other++;
                                others.merge(r[0], 1, Integer::sum);
                            }
                        }
                    }
                    double ms = (System.nanoTime() - start) / 1e6;
                    System.out.printf("  %8d %4d %9s %9s %6d %14s %8.0f%s%n", id, ok, conflict[0] + "/" + conflict[1],
                            gone[0] + "/" + gone[1], other, ok == 1 ? winner : "-", ms, others.isEmpty() ? "" : "  " + others);
                    results.add(new long[] { id, ok == 1 ? winnerId : -1 });
                    bad += ok == 1 && other == 0 ? 0 : 1;
                    wrongCode += conflict[0] + conflict[1] == claimers - 1 ? 0 : 1;
                    notFound += gone[0] + gone[1];
                    losers += claimers - ok;
                }
                System.out.printf("  winners: %d on A, %d on B%n", winsOnA, tickets - bad - winsOnA);

                // the database's word: exactly one claim event per ticket, and the winner is the assignee
                StringBuilder ids = new StringBuilder();
                results.forEach(r -> ids.append(ids.length() == 0 ? "" : ",").append(r[0]));
                List<String[]> rows = sql.rows("SELECT t.id, (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.id"
                        + " AND e.action = 'claim'), t.status, coalesce(t.assignee_id, -1) FROM ticket t WHERE t.id IN (" + ids
                        + ") ORDER BY t.id");
                int oneEvent = 0, assigned = 0;
                for (String[] row : rows) {
                    long id = Long.parseLong(row[0]);
                    long expected = results.stream().filter(r -> r[0] == id).findFirst().orElseThrow()[1];
                    oneEvent += row[1].equals("1") ? 1 : 0;
                    assigned += row[2].equals("CLAIMED") && Long.parseLong(row[3]) == expected ? 1 : 0;
                    if (!row[1].equals("1")) {
                        System.out.printf("  ticket %s has %s claim events%n", row[0], row[1]);
                    }
                }
                System.out.println("  SQL: SELECT count(*) FROM ticket_event WHERE ticket_id = ? AND action = 'claim', per ticket");
                System.out.printf("  exactly one 200 per ticket:            %d of %d%s%n", tickets - bad, tickets, mark(bad == 0));
                System.out.printf("  exactly one claim event per ticket:    %d of %d%s%n", oneEvent, tickets, mark(oneEvent == tickets));
                System.out.printf("  status CLAIMED, assignee = the winner: %d of %d%s%n", assigned, tickets, mark(assigned == tickets));
                System.out.printf("  losers answered 409 (SPEC §1.6):       %d of %d tickets had %d 409s%s%n", tickets - wrongCode,
                        tickets, claimers - 1, mark(wrongCode == 0));
                if (notFound > 0) {
                    System.out.printf("  %d of %d losing claims were 404, not 409: a claim that arrives after the winner has"
                            + " committed no longer finds the ticket visible (it left the pool), and is answered as out of scope%n",
                            notFound, losers);
                }
                return bad == 0 && oneEvent == tickets && assigned == tickets && wrongCode == 0 ? 0 : 1;
            } finally {
                racers.shutdownNow();
            }
        }

        static String mark(boolean ok) {
            return ok ? "  ok" : "  FAIL";
        }

        static void runAll(ExecutorService pool, int n, java.util.function.IntConsumer task) throws Exception {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> task.accept(k)));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP

    record Session(String username, String token, long accountId, long districtId) {
    }

    static final class Api {
        final String base;
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        Api(String base) {
            this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }

        Session login(String username) {
            String body = post(null, "/api/v1/auth/login",
                    "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}", 200);
            Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(body);
            Matcher account = Pattern.compile("\"account\":\\{\"id\":(\\d+)").matcher(body);
            if (!token.find() || !account.find()) {
                throw new IllegalStateException("unexpected login answer for " + username + ": " + body);
            }
            return new Session(username, token.group(1), Long.parseLong(account.group(1)), Json.number(body, "districtId"));
        }

        HttpRequest.Builder request(Session session, String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            if (session != null) {
                builder.header("Authorization", "Bearer " + session.token);
            }
            return builder;
        }

        HttpRequest postRequest(Session session, String path, String json) {
            return request(session, path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        }

        HttpResponse<String> send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String post(Session session, String path, String json, int expected) {
            return expect(send(postRequest(session, path, json)), expected);
        }

        String get(Session session, String path, int expected) {
            return expect(send(request(session, path).GET().build()), expected);
        }

        int status(Session session, String path, String json) {
            return send(postRequest(session, path, json)).statusCode();
        }

        static String expect(HttpResponse<String> response, int expected) {
            if (response.statusCode() != expected) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                        + response.statusCode() + " (expected " + expected + "): " + abbreviate(response.body(), 300));
            }
            return response.body();
        }

        /** A timed POST; the body on the expected status, else null with the failure counted. */
        String call(Recorder rec, String action, Session session, String path, String json, int expected) {
            HttpRequest request = postRequest(session, path, json);
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                rec.error(action + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            long nanos = System.nanoTime() - start;
            if (response.statusCode() != expected) {
                rec.error(action + " " + response.statusCode() + ": " + abbreviate(response.body(), 160));
                return null;
            }
            rec.record(action, nanos);
            return response.body();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Latencies

    static final class Recorder {
        final Map<String, long[]> samples = new TreeMap<>();
        final Map<String, Integer> sizes = new TreeMap<>();
        final Map<String, Integer> errors = new TreeMap<>();
        int ok, failed;

        void record(String action, long nanos) {
            long[] array = samples.computeIfAbsent(action, k -> new long[1024]);
            int size = sizes.getOrDefault(action, 0);
            if (size == array.length) {
                array = Arrays.copyOf(array, size * 2);
                samples.put(action, array);
            }
            array[size] = nanos;
            sizes.put(action, size + 1);
        }

        void error(String what) {
            // one line per kind of failure: without request ids, ticket ids and other numbers that differ
            errors.merge(what.replaceAll("\"requestId\":\"[^\"]*\"?", "").replaceAll("\\b[0-9]{4,}\\b", "N"), 1,
                    Integer::sum);
        }

        void merge(Recorder other) {
            ok += other.ok;
            failed += other.failed;
            other.errors.forEach((k, v) -> errors.merge(k, v, Integer::sum));
            other.samples.forEach((action, array) -> {
                long[] mine = latencies(action).sorted;
                long[] theirs = Arrays.copyOf(array, other.sizes.get(action));
                long[] both = Arrays.copyOf(mine, mine.length + theirs.length);
                System.arraycopy(theirs, 0, both, mine.length, theirs.length);
                samples.put(action, both);
                sizes.put(action, both.length);
            });
        }

        Latencies latencies(String action) {
            long[] array = samples.get(action);
            return new Latencies(array == null ? new long[0] : Arrays.copyOf(array, sizes.get(action)));
        }
    }

    static final class Latencies {
        final long[] sorted;

        Latencies(long[] nanos) {
            this.sorted = nanos.clone();
            Arrays.sort(this.sorted);
        }

        long count() {
            return sorted.length;
        }

        /** The nearest-rank percentile in milliseconds. */
        double p(double percentile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }

        double max() {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
        }

        Latencies plus(Latencies other) {
            long[] both = Arrays.copyOf(sorted, sorted.length + other.sorted.length);
            System.arraycopy(other.sorted, 0, both, sorted.length, other.sorted.length);
            return new Latencies(both);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // CPU: who used the two cores, from /proc

    static final class Cpu {
        final String servicePid;
        final String postmasterPid;
        static final double TICKS = 100.0; // USER_HZ on Linux

        Cpu(String servicePid, String postmasterPid) {
            this.servicePid = servicePid;
            this.postmasterPid = postmasterPid;
        }

        record Snapshot(double self, double children, double service, double postgres) {
        }

        record Usage(double client, double children, double service, double postgres, String clientName) {
            Usage withClient(String name) {
                return new Usage(client, children, service, postgres, name);
            }

            @Override
            public String toString() {
                double c = clientName == null ? client : children;
                String name = clientName == null ? "load generator" : clientName;
                return String.format(Locale.ROOT, "service JVM %.2f, PostgreSQL %.2f, %s %.2f (of %d)", service, postgres, name,
                        c, Runtime.getRuntime().availableProcessors());
            }
        }

        Snapshot snapshot() {
            double[] self = times("self");
            return new Snapshot(self[0], self[1], servicePid == null ? 0 : times(servicePid)[0], postgres());
        }

        Usage since(Snapshot before, double seconds) {
            Snapshot now = snapshot();
            return new Usage((now.self - before.self) / seconds, (now.children - before.children) / seconds,
                    (now.service - before.service) / seconds, (now.postgres - before.postgres) / seconds, null);
        }

        /** The postmaster with its reaped children, plus its live backends. */
        double postgres() {
            if (postmasterPid == null) {
                return 0;
            }
            double[] pm = times(postmasterPid);
            double total = pm[0] + pm[1];
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path dir : dirs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String[] f = stat(dir.getFileName().toString());
                    if (f != null && f[3].equals(postmasterPid)) {
                        total += times(f)[0];
                    }
                }
            } catch (IOException e) {
                return Double.NaN;
            }
            return total;
        }

        /** {own utime+stime, reaped children's cutime+cstime} in seconds. */
        static double[] times(String pid) {
            String[] f = stat(pid);
            return f == null ? new double[] { 0, 0 } : times(f);
        }

        static double[] times(String[] f) {
            return new double[] { (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS,
                    (Long.parseLong(f[15]) + Long.parseLong(f[16])) / TICKS };
        }

        /** /proc/PID/stat split into fields, the command name (which may hold spaces) kept as one. */
        static String[] stat(String pid) {
            try {
                String s = Files.readString(Path.of("/proc", pid, "stat"));
                int close = s.lastIndexOf(')');
                String[] rest = s.substring(close + 2).split(" ");
                String[] fields = new String[rest.length + 2];
                fields[0] = pid;
                fields[1] = s.substring(s.indexOf('(') + 1, close);
                System.arraycopy(rest, 0, fields, 2, rest.length);
                return fields;
            } catch (IOException e) {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // SQL through psql, processes, options, JSON

    record Statement(long calls, long rows, String query) {
        boolean isTransactionControl() {
            return query.matches("(?i)(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SET|SHOW|DISCARD|DEALLOCATE)\\b.*");
        }

        /** Whitespace collapsed and PostgreSQL 18's squashed IN lists, "IN ($1 /*, ... *\/)", shown as "IN ($1)". */
        String normalized() {
            return query.replaceAll("\\s+", " ").replace(" /*, ... */", "").trim();
        }
    }

    static final class Sql {
        final String psql;
        final String port;

        Sql(String psql, String port) {
            this.psql = psql;
            this.port = port;
        }

        List<String[]> rows(String query) {
            Proc.Result r = Proc.run(List.of(psql, "-X", "-q", "-A", "-t", "-F", "\u001f", "-v", "ON_ERROR_STOP=1", "-h",
                    "127.0.0.1", "-p", port, "-U", "postgres", "-d", "postgres", "-c", query), 120);
            if (r.exit() != 0) {
                throw new IllegalStateException("psql failed: " + r.stderr() + "\n" + query);
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : r.stdout().split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\u001f", -1));
                }
            }
            return rows;
        }

        String value(String query) {
            List<String[]> rows = rows(query);
            if (rows.isEmpty()) {
                throw new IllegalStateException("no row: " + query);
            }
            return rows.get(0)[0];
        }

        void resetStatements() {
            rows("SELECT pg_stat_statements_reset()");
        }

        /** This database's statements since the last reset, most called first; psql's own left out. */
        List<Statement> statements() {
            List<Statement> list = new ArrayList<>();
            for (String[] row : rows("SELECT calls, rows, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements"
                    + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel"
                    + " AND query NOT ILIKE '%pg_stat_statements%' ORDER BY calls DESC, query")) {
                list.add(new Statement(Long.parseLong(row[0]), Long.parseLong(row[1]), row[2]));
            }
            return list;
        }
    }

    static final class Proc {
        record Result(int exit, String stdout, String stderr) {
        }

        static Result run(List<String> command, int timeoutSeconds) {
            try {
                Path out = Files.createTempFile("loadgen", ".out");
                Path err = Files.createTempFile("loadgen", ".err");
                try {
                    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                        p.destroy();
                        p.waitFor(10, TimeUnit.SECONDS);
                        return new Result(124, Files.readString(out), "timed out after " + timeoutSeconds + " s\n"
                                + Files.readString(err));
                    }
                    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
                } finally {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static final class Options {
        final Map<String, String> values;

        Options(Map<String, String> values) {
            this.values = values;
        }

        String required(String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value;
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        }
    }

    static final class Json {
        static long number(String json, String field) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(-?\\d+)").matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("no " + field + " in " + abbreviate(json, 200));
            }
            return Long.parseLong(m.group(1));
        }

        static double decimal(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }
    }

    static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    static String indent(String s) {
        return s.lines().map(l -> "    " + l).reduce("", (x, y) -> x + y + "\n");
    }
}
