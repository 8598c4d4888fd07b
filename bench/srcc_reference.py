#!/usr/bin/env python3
"""Reference side of `oneproxy bench srcc --devices N --archs M --reference scipy`.

Reads the SYNTHETIC latency matrix the benchmark wrote (float64, little-endian, column-major:
one device after another), times scipy.stats.spearmanr over all device pairs, writes the
resulting matrix (float64, row-major) and prints one JSON line with the time and versions.

usage: srcc_reference.py DATA.bin ARCHS DEVICES OUT.bin
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.stats


def main() -> None:
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    path, archs, devices, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    data = np.fromfile(path, dtype="<f8")
    if data.size != archs * devices:
        sys.exit(f"{path}: {data.size} values, expected {archs} x {devices}")
    table = data.reshape(devices, archs).T  # archs x devices, as spearmanr(axis=0) expects
    start = time.perf_counter()
    rho = scipy.stats.spearmanr(table, axis=0).statistic
    seconds = time.perf_counter() - start
    rho = np.atleast_2d(np.asarray(rho, dtype="<f8"))
    if rho.shape != (devices, devices):  # two devices: spearmanr returns one number
        rho = np.array([[1.0, rho.item()], [rho.item(), 1.0]])
    rho.astype("<f8").tofile(out)
    print(json.dumps({"scipy_s": seconds, "scipy": scipy.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
