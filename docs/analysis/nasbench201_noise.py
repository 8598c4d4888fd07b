#!/usr/bin/env python3
"""Is what the operator-level predictor misses on a NAS-Bench-201 device structure or noise?

For each device given (default: the phones that miss HV 0.99 in docs/transfer.md), fitted on
all 15,625 recorded latencies:
  - one-hot operator features (OneProxy's predictor): RMSE;
  - the same plus every pairwise interaction of edge operations: RMSE;
  - the best non-negative mix of every other device's true latencies (except the proxy pixel3): RMSE;
  - the largest correlation of its residuals with another device's residuals;
  - the lag-1 autocorrelation of its residuals along the file's row order.
Needs numpy and scipy (Debian: python3-numpy python3-scipy). Data: $ONEPROXY_DATA or ../shared/datasets.
Usage: /usr/bin/python3 docs/analysis/nasbench201_noise.py [device ...]
"""
import csv
import itertools
import os
import sys

import numpy as np
from scipy.optimize import nnls

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]


def main(devices):
    root = os.environ.get("ONEPROXY_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "datasets"))
    rows = list(csv.DictReader(open(os.path.join(root, "nasbench201", "latency_ms.csv"))))
    archs = list(csv.DictReader(open(os.path.join(root, "nasbench201", "architectures.csv"))))
    names = [c for c in rows[0] if c != "index"]
    lat = {d: np.array([float(r[d]) for r in rows]) for d in names}
    ops = [[e.split("~")[0] for n in a["arch"].split("+") for e in n.strip("|").split("|")] for a in archs]
    onehot = np.zeros((len(ops), 31))
    onehot[:, 30] = 1
    for i, o in enumerate(ops):
        for k, op in enumerate(o):
            onehot[i, k * 5 + OPS.index(op)] = 1
    pairs = np.zeros((len(ops), 900))
    for i, o in enumerate(ops):
        idx = [k * 5 + OPS.index(op) for k, op in enumerate(o)]
        for a, b in itertools.combinations(idx, 2):
            pairs[i, a * 30 + b] = 1
    with_pairs = np.hstack([onehot, pairs])

    def residual(x, y):
        w, *_ = np.linalg.lstsq(x, y, rcond=None)
        return y - x @ w

    res = {d: residual(onehot, lat[d]) for d in names}
    rms = lambda r: float(np.sqrt(np.mean(r ** 2)))
    print("device,rmse_onehot_ms,rmse_pairwise_ms,rmse_other_devices_ms,max_residual_corr_other,residual_lag1")
    for d in devices:
        y = lat[d]
        others = [o for o in names if o not in (d, "pixel3")]
        mix = np.column_stack([lat[o] for o in others] + [np.ones(len(y))])
        c, _ = nnls(mix, y)
        corr = max(abs(np.corrcoef(res[d], res[o])[0, 1]) for o in names if o != d)
        r = res[d] - res[d].mean()
        lag1 = float(np.sum(r[:-1] * r[1:]) / np.sum(r * r))
        print("%s,%.3f,%.3f,%.3f,%.3f,%.3f" % (d, rms(res[d]), rms(residual(with_pairs, y)), rms(y - mix @ c), corr, lag1))


if __name__ == "__main__":
    main(sys.argv[1:] or ["pixel2", "samsung_s7", "essential_ph_1", "samsung_a50"])
