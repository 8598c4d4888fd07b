#!/usr/bin/env python3
"""Compares two runs of cpu_rounds.py: the SRCC between the runs for several per-architecture
statistics, using the first k rounds, k = 1..R, and each run's per-round medians.

Usage: /usr/bin/python3 docs/analysis/cpu_rounds_compare.py RUN1.json RUN2.json
"""
import json
import sys

import numpy as np
from scipy.stats import spearmanr

A = json.load(open(sys.argv[1]))
B = json.load(open(sys.argv[2]))
R=max(r for r,_ in A[0])+1
def rm(T,k=R): return [[np.median([t for r,t in ts if r==q]) for q in range(k)] for ts in T]
def rmin(T,k=R): return [[min([t for r,t in ts if r==q]) for q in range(k)] for ts in T]
for k in range(1,R+1):
    out=[]
    for name,f in [('med(rmed)',lambda T:[np.median(v) for v in rm(T,k)]),('min(rmed)',lambda T:[min(v) for v in rm(T,k)]),('min(all)',lambda T:[min(v) for v in rmin(T,k)]),('p25(rmed)',lambda T:[np.percentile(v,25) for v in rm(T,k)])]:
        out.append('%s %.3f'%(name,spearmanr(f(A),f(B))[0]))
    print('rounds',k,' '.join(out))
print("per-round medians (ms), run 1 | run 2:")
for a, b in zip(A, B):
    ra = [np.median([t for r, t in a if r == q]) for q in range(R)]
    rb = [np.median([t for r, t in b if r == q]) for q in range(R)]
    print(" ".join("%5.0f" % v for v in ra), " | ", " ".join("%5.0f" % v for v in rb))
