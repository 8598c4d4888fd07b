#!/usr/bin/env python3
"""Runs MAESTRO (built locally, commit 4eb08d1) on NAS-Bench-301 and AlphaNet networks as OneProxy
writes them (oneproxy accelerator cost --emit-model) on a few of the thesis's hardware files x the
three dataflows, and writes MAESTRO's network totals and its wall time per run to
maestro_spaces.csv. Only MAESTRO's outputs are kept.

Usage: make_spaces_golden.py MAESTRO_DIR ONEPROXY_CLI OUT_CSV   (ONEPROXY_DATA must be set)"""
import csv, os, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_golden import DATAFLOWS, mapping

MODELS = [("nasbench301", i) for i in (0, 250, 500, 750, 1000)] + [("alphanet", i) for i in (0, 250, 500, 750, 1000)]
HW_IDS = ["1", "4", "12", "19", "24", "35"]

def main(mdir, cli, out_csv):
    work = tempfile.mkdtemp(prefix="maestro_spaces_")
    os.makedirs(os.path.join(work, "a", "b"))
    dpt = open(os.path.join(mdir, "tools/frontend/dataflow/dpt.m")).read()
    hw = {}
    with open(os.path.join(os.environ["ONEPROXY_DATA"], "accelerators", "codesign_hw_files.csv")) as f:
        for r in csv.DictReader(f):
            if r["hw_id"] in HW_IDS: hw[r["hw_id"]] = r
    with open(out_csv, "w", newline="") as fo:
        w = csv.writer(fo)
        w.writerow(["set", "index", "dataflow", "hw_id", "num_pes", "noc_bw", "offchip_bw", "layers", "cycles", "energy_nj", "maestro_seconds", "verdict"])
        for (s, i) in MODELS:
            model = os.path.join(work, "model.m")
            subprocess.run([cli, "accelerator", "cost", "--set", s, "--index", str(i), "--emit-model", model], check=True, stdout=subprocess.DEVNULL)
            for df, tmpl in DATAFLOWS.items():
                name = "net_%s" % tmpl
                with open(os.path.join(work, "a", "b", name + ".m"), "w") as f:
                    f.write(mapping(model, open(os.path.join(mdir, "tools/frontend/dataflow", tmpl + ".m")).read(), dpt))
                for hid in HW_IDS:
                    r = hw[hid]
                    with open(os.path.join(work, "hw.m"), "w") as f:
                        f.write("num_pes: %s\nl1_size_cstr: %s\nl2_size_cstr: %s\nnoc_bw_cstr: %s\noffchip_bw_cstr: %s\n" % (r["num_pes"], r["l1_size"], r["l2_size"], r["noc_bw"], r["offchip_bw"]))
                    res = os.path.join(work, name + ".csv")
                    if os.path.exists(res): os.remove(res)
                    t0 = time.perf_counter()
                    p = subprocess.run(["%s/maestro" % mdir, "--HW_file=hw.m", "--Mapping_file=a/b/%s.m" % name, "--print_res=false",
                                        "--print_res_csv_file=true", "--print_log_file=false"], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                    dt = time.perf_counter() - t0
                    base = [s, i, df, hid, r["num_pes"], r["noc_bw"], r["offchip_bw"]]
                    if p.returncode != 0 or not os.path.exists(res):
                        w.writerow(base + ["", "", "", "%.4f" % dt, "rejected: exit %d" % p.returncode]); continue
                    rows = list(csv.reader(open(res)))[1:]
                    w.writerow(base + [len(rows), sum(int(x[3]) for x in rows), "%.4f" % sum(float(x[4]) for x in rows), "%.4f" % dt, "ok"])

if __name__ == "__main__":
    main(*sys.argv[1:4])
