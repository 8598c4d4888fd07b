#!/usr/bin/env python3
"""CPU variance diagnosis behind docs/real-devices.md ("Why the CPU repeats disagree").

Times the 30 repeat architectures of docs/data/mobilenetv2-30-repeat-archs.txt in R rounds,
building every model afresh each round (as `oneproxy measure --rounds` makes the bundled agent
do), with n timed passes after 2 warm-up passes, and writes every pass as JSON:
[[ [round, ms], ... ] per architecture]. Run it twice and compare the files with
cpu_rounds_compare.py.

Usage: taskset -c 1 /usr/bin/python3 docs/analysis/cpu_rounds.py THREADS ROUNDS RUNS OUT.json
"""
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'agents'))
import oneproxy_agent as A
torch.set_num_threads(int(sys.argv[1])); R=int(sys.argv[2]); n=int(sys.argv[3])
torch.manual_seed(0)
archs=[l.strip() for l in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', 'mobilenetv2-30-repeat-archs.txt'))]
x=torch.randn(1,3,224,224)
T=[[] for _ in archs]
with torch.no_grad():
    for r in range(R):
        for i,a in enumerate(archs):
            m=A.build_mobilenetv2(a)[0].eval()
            for _ in range(2): m(x)
            for _ in range(n):
                t0=time.perf_counter(); m(x); T[i].append((r,(time.perf_counter()-t0)*1000))
            del m
json.dump(T,open(sys.argv[4],'w'))
