#!/usr/bin/env python3
"""SRCC between accelerator columns of a sweep table, grouped by dataflow pair.
Usage: srcc_by_dataflow.py CYCLES_OR_ENERGY_CSV   (from: oneproxy accelerator sweep --cycles-out ...)"""
import csv, math, sys

rows = list(csv.reader(open(sys.argv[1])))
names = rows[0][2:]
cols = [[float(r[i + 2]) for r in rows[1:]] for i in range(len(names))]

def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i]); r = [0.0] * len(v); i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]: j += 1
        for k in range(i, j + 1): r[order[k]] = (i + j) / 2
        i = j + 1
    return r

def pearson(a, b):
    n = len(a); ma = sum(a) / n; mb = sum(b) / n
    return sum((x - ma) * (y - mb) for x, y in zip(a, b)) / math.sqrt(sum((x - ma) ** 2 for x in a) * sum((y - mb) ** 2 for y in b))

R = [ranks(c) for c in cols]
df = [n.split("_")[1] for n in names]
groups = {}
for i in range(len(names)):
    for j in range(i + 1, len(names)):
        key = "within " + df[i] if df[i] == df[j] else "across " + "/".join(sorted([df[i], df[j]]))
        groups.setdefault(key, []).append(pearson(R[i], R[j]))
for k, v in sorted(groups.items()):
    v.sort()
    print(f"{k}: {len(v)} pairs, share > 0.97 {sum(x > 0.97 for x in v) / len(v):.3f}, median {v[len(v) // 2]:.3f}, min {v[0]:.3f}")
