#!/usr/bin/env python3
"""Sums `perf script` call stacks of PostgreSQL's processes (stdin) by what encloses each sample.

Used by bench/pg-profile.sh. Each sample counts once, under the first of these that its stack holds, from the
outermost: a trigger (every statement's after-triggers run at its end), the commit, then for the statements a client
sent, the plan cache, executor start, run and end, and the protocol around them. Inside the triggers the same split
is printed again, for the statements the trigger functions run. Then the functions that run most themselves.
"""
import collections
import sys

# (name, frames that mark it), the first match wins
PARTS = [
    ("triggers", {"AfterTriggerEndQuery", "AfterTriggerFireDeferred"}),
    ("commit", {"CommitTransaction"}),
    ("plan cache (revalidating, planning)", {"GetCachedPlan"}),
    ("executor start", {"standard_ExecutorStart"}),
    ("executor run", {"standard_ExecutorRun"}),
    ("executor end", {"standard_ExecutorEnd"}),
    ("parsing and planning a statement", {"exec_parse_message", "pg_parse_query", "pg_plan_queries"}),
    ("binding parameters", {"exec_bind_message"}),
    ("reading the socket", {"pq_getbyte", "pq_recvbuf", "secure_read"}),
    ("writing the socket", {"pq_flush", "socket_flush", "secure_write", "internal_flush"}),
]
INSIDE_TRIGGERS = [
    ("plan cache", {"GetCachedPlan"}),
    ("executor start", {"standard_ExecutorStart"}),
    ("executor run", {"standard_ExecutorRun"}),
    ("executor end", {"standard_ExecutorEnd"}),
]


def stacks(lines):
    stack = []
    for line in lines:
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line[0] in " \t":
            parts = line.strip().split(" ", 1)
            stack.append(parts[1].split("+0x")[0].split(" (")[0] if len(parts) > 1 else "?")
    if stack:
        yield stack


def part(frames, parts):
    for name, marks in parts:
        if frames & marks:
            return name
    return "other"


def main():
    total = 0
    outer, inner, own = collections.Counter(), collections.Counter(), collections.Counter()
    for stack in stacks(sys.stdin):
        total += 1
        frames = set(stack)
        name = part(frames, PARTS)
        outer[name] += 1
        if name == "triggers":
            inner[part(frames, INSIDE_TRIGGERS)] += 1
        own[stack[0]] += 1
    if total == 0:
        sys.exit("no samples")
    print(f"{total} samples of PostgreSQL's processes, by what encloses them (% of all):")
    for name, n in outer.most_common():
        print(f"  {100 * n / total:5.1f}  {name}")
    print("inside the triggers (% of all):")
    for name, n in inner.most_common():
        print(f"  {100 * n / total:5.1f}  {name}")
    print("the functions that run most themselves (% of all):")
    for name, n in own.most_common(12):
        print(f"  {100 * n / total:5.1f}  {name}")


if __name__ == "__main__":
    main()
