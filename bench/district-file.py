#!/usr/bin/env python3
"""Writes a district import file (the format of seeds/demo-district.yaml) of any size to stdout.

Usage: bench/district-file.py [grids] [accounts] [--changed] [--second]
  grids (3000) in communities of 10 and streets of 30 communities, each with a 12-point boundary;
  accounts (10000): a leader and a member per grid, then party members and residents; 100 units;
  the demo's categories and calendar are not repeated. --changed: the same district with every
  tenth grid's size class and every tenth account's name changed, to measure updates. --second:
  another district part of the same size (other names and usernames), to measure creation again.
Deterministic: the same arguments write the same file.
"""
import math
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
grids = int(args[0]) if args else 3000
accounts = int(args[1]) if len(args) > 1 else 10000
changed = "--changed" in sys.argv
part, user = ("第二", "second") if "--second" in sys.argv else ("基准", "bench")
sizes = ["SMALL", "MEDIUM", "LARGE"]
out = sys.stdout
w = out.write

w("district: 示范区\nunits:\n")
for u in range(100):
    w(f"  - {{ key: u{u}, name: {part}单位{u}, contactName: 联系人{u}, phone: \"0571-{u:08d}\" }}\n")


def boundary(g):
    # a 12-sided polygon around the grid's centre, on a 0.01° lattice: grids do not overlap
    cx, cy = 120.0 + (g % 100) * 0.01, 30.0 + (g // 100) * 0.01
    ring = [[round(cx + 0.004 * math.cos(2 * math.pi * k / 12), 6), round(cy + 0.004 * math.sin(2 * math.pi * k / 12), 6)]
            for k in range(12)]
    ring.append(ring[0])
    return "{ type: Polygon, coordinates: [[" + ", ".join(f"[{x}, {y}]" for x, y in ring) + "]] }"


w("streets:\n")
communities = math.ceil(grids / 10)
for s in range(math.ceil(communities / 30)):
    w(f"  - name: {part}街道{s}\n    communities:\n")
    for c in range(s * 30, min(communities, (s + 1) * 30)):
        w(f"      - key: c{c}\n        name: {part}社区{c}\n        grids:\n")
        for g in range(c * 10, min(grids, (c + 1) * 10)):
            size = sizes[(g + (1 if changed and g % 10 == 0 else 0)) % 3]
            w(f"          - {{ key: g{g}, name: {part}网格{g}, sizeClass: {size}, contactUnit: u{g % 100}, boundary: {boundary(g)} }}\n")

w("accounts:\n")
for a in range(accounts):
    name = f"{part}人员{a}" + ("（改）" if changed and a % 10 == 0 else "")
    if a < 2 * grids:
        role = f"{{ role: {'GRID_LEADER' if a % 2 == 0 else 'GRID_MEMBER'}, region: g{(a // 2) % grids} }}"
    elif a % 2 == 0:
        role = f"{{ role: PARTY_MEMBER, region: c{a % communities} }}"
    else:
        role = f"{{ role: RESIDENT, region: g{a % grids} }}"
    w(f"  - {{ username: {user}{a}, name: {name}, phone: \"1{3 if user == 'bench' else 5}9{a:08d}\", roles: [{role}] }}\n")
