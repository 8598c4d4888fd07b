#!/usr/bin/env python3
"""Builds the two-constraint cost tables of docs/energy.md (key, accuracy, DEVICE.latency, DEVICE.energy).

  nb301: python3 docs/analysis/energy_tables.py nb301 CYCLES.csv ENERGY.csv OUT.csv
         (CYCLES/ENERGY from `oneproxy accelerator sweep --set nasbench301 --cycles-out --energy-out`;
          accuracy = NB301 surrogate accuracy from $ONEPROXY_DATA/nasbench301/architectures.csv)
  side:  python3 docs/analysis/energy_tables.py side SPACE OUT.csv
         (energy and latency columns of the same H100 runs side by side, named DEVICE_mj and DEVICE_ms,
          for `oneproxy monotonicity --with-flops`)
  h100:  python3 docs/analysis/energy_tables.py h100 OUT.csv
         (H100 latency/energy exported from the store into docs/data/nasbench201-h100-energy*.csv;
          accuracy = NAS-Bench-201 CIFAR-10 test accuracy)
"""
import csv
import os
import sys

data = os.environ.get("ONEPROXY_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/datasets"))


def nb301(cycles, energy, out):
    acc = {r["index"]: r["nb301_pred_acc"] for r in csv.DictReader(open(os.path.join(data, "nasbench301/architectures.csv")))}
    cyc = list(csv.DictReader(open(cycles)))
    en = {r["index"]: r for r in csv.DictReader(open(energy))}
    devices = [c for c in cyc[0] if c not in ("index", "arch")]  # the sweep writes index and arch keys
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["index", "accuracy"] + [d + s for d in devices for s in (".latency", ".energy")])
        for r in cyc:
            w.writerow([r["index"], acc[r["index"]]] + [x for d in devices for x in (r[d], en[r["index"]][d])])


def h100(out):
    acc = {r["arch"]: r["cifar10_test_acc"] for r in csv.DictReader(open(os.path.join(data, "nasbench201/architectures.csv")))}
    lat = list(csv.DictReader(open("docs/data/nasbench201-h100-energy-runs-latency.csv")))
    en = {r["arch"]: r for r in csv.DictReader(open("docs/data/nasbench201-h100-energy.csv"))}
    devices = ["h100_b1e", "h100_b1e_sync"]
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["arch", "accuracy"] + [d + s for d in devices for s in (".latency", ".energy")])
        for r in lat:  # the export also lists architectures that only later runs measured: skip those
            if any(r[d] or en[r["arch"]][d] for d in devices):
                w.writerow([r["arch"], acc[r["arch"]]] + [x for d in devices for x in (r[d], en[r["arch"]][d])])


def side(space, out):
    e = list(csv.DictReader(open(f"docs/data/{space}-h100-energy.csv")))
    l = {r["arch"]: r for r in csv.DictReader(open(f"docs/data/{space}-h100-energy-runs-latency.csv"))}
    cols = [c for c in e[0] if c != "arch"]
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["arch"] + [c + "_mj" for c in cols] + [c + "_ms" for c in cols])
        for r in e:
            w.writerow([r["arch"]] + [r[c] for c in cols] + [l[r["arch"]][c] for c in cols])


if __name__ == "__main__":
    {"nb301": lambda a: nb301(*a), "h100": lambda a: h100(*a), "side": lambda a: side(*a)}[sys.argv[1]](sys.argv[2:])
