#!/usr/bin/env python3
"""Runs a locally built MAESTRO (github.com/maestro-project/maestro, commit 4eb08d1) on its bundled
model files x hardware points x the three thesis dataflows and writes only MAESTRO's outputs
(per-layer runtime and energy, or its verdict when it writes no result) to maestro_golden.csv.

Usage: make_golden.py MAESTRO_DIR DATASETS_DIR OUT_CSV
MAESTRO_DIR holds the built `maestro` binary, data/model/*.m and tools/frontend/dataflow/*.m.
Mapping files are made like MAESTRO's tools/frontend/modelfile_to_mapping.py: the dataflow
template after each layer's Dimensions line, dpt.m for DSCONV layers."""
import csv, os, re, subprocess, sys, tempfile, time

NETWORKS = ["MobileNetV2", "Resnet50", "mnasnet", "squeezenet1_0", "vgg16"]
DATAFLOWS = {"KC-P": "kcp_ws", "YR-P": "rs", "X-P": "xp_ws"}

def hardware(datasets):
    pts = []
    with open(os.path.join(datasets, "accelerators", "codesign_hw_files.csv")) as f:
        for r in csv.DictReader(f):
            pts.append(("cd" + r["hw_id"], int(r["num_pes"]), int(r["noc_bw"]), int(r["offchip_bw"]), int(r["l1_size"]), int(r["l2_size"])))
    # 20 extra grid points with >= 64 PEs (every 13th KC-P row of the grid) so KC-P, which MAESTRO
    # rejects below 64 PEs, still has >= 50 valid points.
    with open(os.path.join(datasets, "accelerators", "design_space.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["dataflow"] == "KC-P" and int(r["num_pes"]) >= 64]
    for i, r in enumerate(rows[::13][:20]):
        pts.append(("g%d" % i, int(r["num_pes"]), int(r["noc_bw"]), int(r["offchip_bw"]), int(r["l1_size"]), int(r["l2_size"])))
    return pts

def mapping(model_path, template, dpt):
    out, ds = [], False
    for line in open(model_path):
        if "DSCONV" in line: ds = True
        out.append(line)
        if "Dimensions" in line:
            out.append(dpt if ds else template)
            ds = False
    return "".join(out)

def main(mdir, datasets, out_csv):
    exe = os.path.join(mdir, "maestro")
    work = tempfile.mkdtemp(prefix="maestro_golden_")
    os.makedirs(os.path.join(work, "a", "b"))
    dpt = open(os.path.join(mdir, "tools/frontend/dataflow/dpt.m")).read()
    hw = hardware(datasets)
    total_runs, total_s = 0, 0.0
    with open(out_csv, "w", newline="") as fo:
        w = csv.writer(fo)
        w.writerow(["network", "dataflow", "hw_id", "num_pes", "noc_bw", "offchip_bw", "l1_size", "l2_size", "layer", "runtime_cycles", "energy_nj", "num_macs", "verdict"])
        for net in NETWORKS:
            for df, tmpl in DATAFLOWS.items():
                name = "%s_%s" % (net, tmpl)
                with open(os.path.join(work, "a", "b", name + ".m"), "w") as f:
                    f.write(mapping(os.path.join(mdir, "data/model", net + "_model.m"),
                                    open(os.path.join(mdir, "tools/frontend/dataflow", tmpl + ".m")).read(), dpt))
                for (hid, pes, noc, off, l1, l2) in hw:
                    with open(os.path.join(work, "hw.m"), "w") as f:
                        f.write("num_pes: %d\nl1_size_cstr: %d\nl2_size_cstr: %d\nnoc_bw_cstr: %d\noffchip_bw_cstr: %d\n" % (pes, l1, l2, noc, off))
                    res = os.path.join(work, name + ".csv")
                    if os.path.exists(res): os.remove(res)  # MAESTRO appends otherwise
                    t0 = time.perf_counter()
                    p = subprocess.run([exe, "--HW_file=hw.m", "--Mapping_file=a/b/%s.m" % name, "--print_res=false",
                                        "--print_res_csv_file=true", "--print_log_file=false"], cwd=work,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
                    total_s += time.perf_counter() - t0; total_runs += 1
                    base = [net, df, hid, pes, noc, off, l1, l2]
                    if p.returncode != 0 or not os.path.exists(res):
                        verdict = "rejected: exit %d%s" % (p.returncode, " (SIGFPE, floating point exception)" if p.returncode == -8 else "")
                        w.writerow(base + ["", "", "", "", verdict]); continue
                    with open(res) as f:
                        rd = csv.reader(f); next(rd)
                        for r in rd:
                            r = [x.strip() for x in r]
                            w.writerow(base + [r[1], r[3], r[4], r[21], "ok"])
    sys.stderr.write("%d MAESTRO runs, %.1f s total, %.3f s per run\n" % (total_runs, total_s, total_s / total_runs))


def write_networks(mdir, out_csv):
    """Layer dimensions of the bundled networks (figures from MAESTRO's data/model/*.m)."""
    with open(out_csv, "w", newline="") as fo:
        w = csv.writer(fo)
        w.writerow(["network", "layer", "type", "K", "C", "R", "S", "Y", "X", "stride_y", "stride_x"])
        for net in NETWORKS:
            name, typ, stride = None, None, {}
            for line in open(os.path.join(mdir, "data/model", net + "_model.m")):
                line = line.split("//")[0]
                m = re.search(r"Layer\s+(\S+)\s*\{", line)
                if m: name, typ, stride = m.group(1), None, {}
                m = re.search(r"Type:\s*(\w+)", line)
                if m: typ = m.group(1)
                m = re.search(r"Stride\s*\{([^}]*)\}", line)
                if m: stride = dict((k.strip(), int(v)) for k, v in re.findall(r"(\w+)\s*:?\s*(\d+)", m.group(1)))
                m = re.search(r"Dimensions\s*\{([^}]*)\}", line)
                if m:
                    d = dict((k.strip(), int(v)) for k, v in re.findall(r"(\w+)\s*:?\s*(\d+)", m.group(1)))
                    w.writerow([net, name, typ, d["K"], d["C"], d["R"], d["S"], d["Y"], d["X"], stride.get("Y", 1), stride.get("X", 1)])

if __name__ == "__main__":
    main(*sys.argv[1:4])
    write_networks(sys.argv[1], os.path.join(os.path.dirname(sys.argv[3]) or ".", "maestro_networks.csv"))
