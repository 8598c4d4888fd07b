#!/usr/bin/env python3
"""docs/energy-h100.svg: measured H100 energy per inference against latency, one panel per space
(back-to-back energy, queued timing, batch 1: run h100_b1e_q). Usage: python3 docs/analysis/energy_plot.py docs/energy-h100.svg"""
import csv
import sys

spaces = [("nasbench201", "NAS-Bench-201"), ("fbnet", "FBNet"), ("mobilenetv2", "MobileNet-V2")]
W, H, M = 300, 260, 50
parts = []
for k, (s, title) in enumerate(spaces):
    e = {r["arch"]: r["h100_b1e_q"] for r in csv.DictReader(open(f"docs/data/{s}-h100-energy.csv"))}
    l = {r["arch"]: r["h100_b1e_q"] for r in csv.DictReader(open(f"docs/data/{s}-h100-energy-runs-latency.csv"))}
    pts = [(float(l[a]), float(v)) for a, v in e.items() if v and l.get(a)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    ox = k * W
    sx = lambda x: ox + M + (x - x0) / (x1 - x0) * (W - M - 15)
    sy = lambda y: H - M + 10 - (y - y0) / (y1 - y0) * (H - M - 30)
    parts.append(f'<text x="{ox + W / 2}" y="16" text-anchor="middle" font-size="13">{title} ({len(pts)} archs)</text>')
    parts.append(f'<rect x="{ox + M}" y="20" width="{W - M - 15}" height="{H - M - 10}" fill="none" stroke="#888"/>')
    for x, y in pts:
        parts.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="2" fill="#1f77b4" fill-opacity="0.6"/>')
    for v, lab in ((x0, x0), (x1, x1)):
        parts.append(f'<text x="{sx(v):.1f}" y="{H - M + 25}" text-anchor="middle" font-size="10">{lab:.2f}</text>')
    for v in (y0, y1):
        parts.append(f'<text x="{ox + M - 4}" y="{sy(v) + 3:.1f}" text-anchor="end" font-size="10">{v:.0f}</text>')
    parts.append(f'<text x="{ox + M + (W - M) / 2}" y="{H - 8}" text-anchor="middle" font-size="11">latency (ms, median of 50 graph replays)</text>')
    parts.append(f'<text x="{ox + 12}" y="{H / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 {ox + 12} {H / 2})">energy per inference (mJ)</text>')
svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{3 * W}" height="{H + 20}" font-family="sans-serif">'
       f'<rect width="100%" height="100%" fill="white"/>' + "".join(parts) +
       f'<text x="{1.5 * W}" y="{H + 14}" text-anchor="middle" font-size="11">Measured on an NVIDIA H100 (NVML total-energy counter, batch 1, back-to-back CUDA-graph replays)</text></svg>')
open(sys.argv[1], "w").write(svg)
