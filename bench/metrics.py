#!/usr/bin/env python3
"""Latency of the leaders' questions on a generated district (bench/generate.sh), one client, keep-alive.

Usage: bench/metrics.py BASE_URL PG_PORT [--warmup=60] [--runs=200] [--filing=30] [--only=summary,rankings]
  Signs in as the demo's district admin (and a generated grid leader, for "assigned to me"), reads
  ids from the database (psql), warms the service up for --warmup seconds cycling through every
  question, then asks each question --runs times and prints p50/p95/p99 in ms; then files tickets
  from 8 threads for --filing seconds and prints the throughput. --only: the questions whose name starts
  with one of these words (groupBy and the daily series are summaries).
"""
import datetime as dt
import http.client
import json
import subprocess
import sys
import threading
import time
import urllib.parse

base = urllib.parse.urlparse(sys.argv[1])
pg_port = sys.argv[2]
opts = dict(a[2:].split("=", 1) for a in sys.argv[3:] if a.startswith("--"))
WARMUP = float(opts.get("warmup", 60))
RUNS = int(opts.get("runs", 200))
FILING = float(opts.get("filing", 30))
ONLY = tuple(w for w in opts.get("only", "").split(",") if w)


def sql(query):
    return subprocess.run(["psql", "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", pg_port, "-U", "postgres", "-d",
                           "postgres", "-c", query], check=True, capture_output=True, text=True).stdout.strip()


class Client:
    def __init__(self, token=None):
        self.conn = http.client.HTTPConnection(base.hostname, base.port, timeout=120)
        self.token = token

    def call(self, method, path, body=None, headers=None):
        h = {"Accept": "application/json"}
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if body is not None:
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        self.conn.request(method, path, body=None if body is None else json.dumps(body), headers=h)
        response = self.conn.getresponse()
        data = response.read()
        if response.status >= 300:
            raise RuntimeError(f"{method} {path} answered {response.status}: {data[:300]!r}")
        return json.loads(data) if data else None


def login(username):
    return Client().call("POST", "/api/v1/auth/login", {"username": username, "password": "gridloop"})["accessToken"]


admin = Client(login("admin"))
district = int(sql("SELECT id FROM region WHERE type = 'DISTRICT' ORDER BY id LIMIT 1"))
street, community, grid = (int(x) for x in sql(
    "SELECT s.id || ' ' || c.id || ' ' || g.id FROM ticket t JOIN region g ON g.id = t.grid_id"
    " JOIN region c ON c.id = g.parent_id JOIN region s ON s.id = c.parent_id"
    " GROUP BY s.id, c.id, g.id ORDER BY count(*) DESC LIMIT 1").split())
assignee = sql("SELECT a.username FROM ticket t JOIN account a ON a.id = t.assignee_id"
               " GROUP BY a.username ORDER BY count(*) DESC LIMIT 1")
lat, lng = (float(x) for x in sql(f"SELECT avg(lat) || ' ' || avg(lng) FROM ticket WHERE grid_id = {grid}").split())
# the generated accounts have no password: the busiest assignee gets one, for "assignee=me"
sql(f"UPDATE account SET password_hash = (SELECT password_hash FROM account WHERE username = 'admin'),"
    f" must_change_password = false WHERE username = '{assignee}'")
member = Client(login(assignee))
# the periods end with the last day that has tickets (a district generated in part ends before today)
today = dt.date.fromisoformat(sql("SELECT to_char(max(created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') FROM ticket"))
month_from = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
month_to = today.replace(day=1) - dt.timedelta(days=1)
year_from = today - dt.timedelta(days=365)


def deep(client, path, rows=10_000):
    """The page `rows` deep by cursor: the cursor is walked to first (not timed), then that page asked."""
    cursor, seen = None, 0
    while seen < rows:
        page = client.call("GET", path + ("&cursor=" + cursor if cursor else "") + "&limit=100")
        seen += len(page["items"])
        cursor = page["nextCursor"]
        if cursor is None:
            return path
    return path + "&limit=20&cursor=" + urllib.parse.quote(cursor)


def summary(region, frm, to, extra=""):
    return f"/api/v1/metrics/summary?regionId={region}&from={frm}&to={to}{extra}"


questions = {
    "list by grid": (admin, f"/api/v1/tickets?gridId={grid}"),
    "list by status (IN_PROGRESS)": (admin, "/api/v1/tickets?status=IN_PROGRESS"),
    "list assigned to me": (member, "/api/v1/tickets?assignee=me"),
    "list overdue": (admin, "/api/v1/tickets?overdue=true"),
    "q common (垃圾)": (admin, "/api/v1/tickets?q=" + urllib.parse.quote("垃圾")),
    "q rare (轮椅)": (admin, "/api/v1/tickets?q=" + urllib.parse.quote("轮椅")),
    "nearby 200 m": (admin, f"/api/v1/tickets/nearby?lat={lat}&lng={lng}"),
    "summary district, month": (admin, summary(district, month_from, month_to)),
    "summary street, month": (admin, summary(street, month_from, month_to)),
    "summary community, month": (admin, summary(community, month_from, month_to)),
    "summary grid, month": (admin, summary(grid, month_from, month_to)),
    "summary district, year": (admin, summary(district, year_from, today)),
    "summary street, year": (admin, summary(street, year_from, today)),
    "summary community, year": (admin, summary(community, year_from, today)),
    "summary grid, year": (admin, summary(grid, year_from, today)),
    "groupBy=child district, month": (admin, summary(district, month_from, month_to, "&groupBy=child")),
    "daily series, year (district)": (admin, summary(district, year_from, today, "&interval=day")),
    "rankings by member, month (district)": (admin, f"/api/v1/metrics/rankings?regionId={district}&from={month_from}&to={month_to}&by=member"),
    "rankings by grid, month (district)": (admin, f"/api/v1/metrics/rankings?regionId={district}&from={month_from}&to={month_to}&by=grid"),
}
for name in ("list by grid", "list by status (IN_PROGRESS)", "list overdue"):
    client, path = questions[name]
    questions[name + ", 10,000 rows deep"] = (client, deep(client, path + ("&" if "?" in path else "?") + "x=1"))
questions = dict(sorted((name, q) for name, q in questions.items()
                        if not ONLY or name.startswith(ONLY) or ("summary" in ONLY and name.startswith(("groupBy", "daily")))))

print(f"district {district}, street {street}, community {community}, grid {grid}, assignee {assignee};"
      f" month {month_from}..{month_to}, year {year_from}..{today}", flush=True)
failing = {}
end = time.time() + WARMUP
while time.time() < end:
    for name, (client, path) in questions.items():
        if name in failing:
            continue
        start = time.perf_counter()
        try:
            client.call("GET", path)
        except RuntimeError as e:  # a question the service cannot answer is reported, not timed
            failing[name] = f"{str(e)[:60]}... after {time.perf_counter() - start:.1f} s"
            client.conn.close()
print(f"{'question':45} {'p50':>8} {'p95':>8} {'p99':>8}  (ms, {RUNS} runs each, one client)")
for name, (client, path) in questions.items():
    if name in failing:
        print(f"{name:45} failed in the warm-up: {failing[name]}", flush=True)
        continue
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.call("GET", path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    q = lambda p: times[min(len(times) - 1, int(p * len(times)))]
    print(f"{name:45} {q(0.50):8.1f} {q(0.95):8.1f} {q(0.99):8.1f}", flush=True)

if FILING > 0:
    count, errors = [0], [0]
    lock = threading.Lock()
    stop = time.time() + FILING

    def file_tickets(i):
        client = Client(admin.token)
        n = 0
        while time.time() < stop:
            try:
                client.call("POST", "/api/v1/tickets", {"categoryCode": "GARBAGE", "title": "小区东门垃圾未清运",
                                                        "description": "基准测试", "gridId": grid, "source": "WALK_IN",
                                                        "reporterName": "来访群众"},
                            {"Idempotency-Key": f"bench-{time.time_ns()}-{i}"})
                n += 1
            except Exception as e:  # counted and shown, never hidden
                with lock:
                    errors[0] += 1
                    if errors[0] < 3:
                        print("filing failed:", e, file=sys.stderr)
                client = Client(admin.token)
        with lock:
            count[0] += n

    threads = [threading.Thread(target=file_tickets, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"filing: {count[0] / FILING:.1f} tickets/s over {FILING:.0f} s from 8 threads ({errors[0]} errors)"
          f" with {sql('SELECT count(*) FROM ticket')} tickets in the database")
