#!/usr/bin/env python3
"""Writes a district import file (the format of seeds/demo-district.yaml) of any size to stdout.

Usage: bench/district-file.py [grids] [accounts] [--changed] [--second]
       bench/district-file.py --lufeng [--parts=P --part=K]
  grids (3000) in communities of 10 and streets of 30 communities, each with a 12-point boundary;
  accounts (10000): a leader and a member per grid, then party members and residents; 100 units;
  the demo's categories and calendar are not repeated. --changed: the same district with every
  tenth grid's size class and every tenth account's name changed, to measure updates. --second:
  another district part of the same size (other names and usernames), to measure creation again.
  --lufeng: a district of Lufeng's size: 21 streets, 346 communities, 3,047 grids (a large grid's
  boundary is wider than a medium's, a medium's than a small's), 150 units, a leader and a member per
  grid, 10,000 party members, 200,000 residents and a handler per unit (bench/generate.sh files tickets into it).
  --parts=P --part=K: the K-th of P slices of the accounts (0 ≤ K < P), each with the whole tree.
Deterministic: the same arguments write the same file.
"""
import math
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
lufeng = "--lufeng" in sys.argv
grids = 3047 if lufeng else int(args[0]) if args else 3000
streets = 21 if lufeng else None
communities = 346 if lufeng else math.ceil(grids / 10)
units = 150 if lufeng else 100
party = 10000 if lufeng else None
accounts = 2 * grids + 10000 + 200000 + units if lufeng else int(args[1]) if len(args) > 1 else 10000
changed = "--changed" in sys.argv
part, user = ("第二", "second") if "--second" in sys.argv else ("基准", "bench")
sizes = ["SMALL", "MEDIUM", "LARGE"]
out = sys.stdout
w = out.write

w("district: 示范区\nunits:\n")
for u in range(units):
    w(f"  - {{ key: u{u}, name: {part}单位{u}, contactName: 联系人{u}, phone: \"0571-{u:08d}\" }}\n")


RADIUS = {"SMALL": 0.003, "MEDIUM": 0.004, "LARGE": 0.0049}


def boundary(g, size):
    # a 12-sided polygon around the grid's centre, on a 0.01° lattice: grids do not overlap
    cx, cy = 120.0 + (g % 100) * 0.01, 30.0 + (g // 100) * 0.01
    r = RADIUS[size] if lufeng else 0.004
    ring = [[round(cx + r * math.cos(2 * math.pi * k / 12), 6), round(cy + r * math.sin(2 * math.pi * k / 12), 6)]
            for k in range(12)]
    ring.append(ring[0])
    return "{ type: Polygon, coordinates: [[" + ", ".join(f"[{x}, {y}]" for x, y in ring) + "]] }"


def spans(items, parts):
    # items split into parts of (nearly) equal size, in order
    return [range(items * p // parts, items * (p + 1) // parts) for p in range(parts)]


w("streets:\n")
street_parts = spans(communities, streets) if lufeng else \
    [range(s * 30, min(communities, (s + 1) * 30)) for s in range(math.ceil(communities / 30))]
grid_parts = spans(grids, communities) if lufeng else \
    [range(c * 10, min(grids, (c + 1) * 10)) for c in range(communities)]
for s, street in enumerate(street_parts):
    w(f"  - name: {part}街道{s}\n    communities:\n")
    for c in street:
        w(f"      - key: c{c}\n        name: {part}社区{c}\n        grids:\n")
        for g in grid_parts[c]:
            size = sizes[(g + (1 if changed and g % 10 == 0 else 0)) % 3]
            w(f"          - {{ key: g{g}, name: {part}网格{g}, sizeClass: {size}, contactUnit: u{g % units}, boundary: {boundary(g, size)} }}\n")

w("accounts:\n")
# an import takes at most 100,000 rows per section: --part=K of --parts=P writes the K-th slice of the
# accounts (with the same tree and units, which the import then finds unchanged)
parts = int(next((a[8:] for a in sys.argv if a.startswith("--parts=")), "1"))
part_index = int(next((a[7:] for a in sys.argv if a.startswith("--part=")), "0"))
for a in range(accounts * part_index // parts, accounts * (part_index + 1) // parts):
    name = f"{part}人员{a}" + ("（改）" if changed and a % 10 == 0 else "")
    if a < 2 * grids:
        role = f"{{ role: {'GRID_LEADER' if a % 2 == 0 else 'GRID_MEMBER'}, region: g{(a // 2) % grids} }}"
    elif lufeng and a < 2 * grids + party:
        role = f"{{ role: PARTY_MEMBER, region: c{a % communities} }}"
    elif lufeng and a < accounts - units:
        role = f"{{ role: RESIDENT, region: g{a % grids} }}"
    elif lufeng:
        role = f"{{ role: UNIT_HANDLER, unit: u{a % units} }}"
    elif a % 2 == 0:
        role = f"{{ role: PARTY_MEMBER, region: c{a % communities} }}"
    else:
        role = f"{{ role: RESIDENT, region: g{a % grids} }}"
    w(f"  - {{ username: {user}{a}, name: {name}, phone: \"1{3 if user == 'bench' else 5}9{a:08d}\", roles: [{role}] }}\n")
