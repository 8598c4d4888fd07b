#!/usr/bin/env bash
# Must-show of issue 18: every importer round-trips a file written by the original format's own
# writer into the same SRCC matrix as the CSV it came from. For a space's latency_ms.csv in
# $ONEPROXY_DATA (default ../shared/datasets) it writes, with the original writers:
#   HELP:          torch.save(list of floats) per device            -> datasets import --format help-latency
#   HW-NAS-Bench:  pickle.dump({space: {dataset: {dev_latency: [..]}}}) -> --format hw-nas-bench
#   nn-Meter:      JSON lines {"id", "graph", dev: ms} and its long CSV -> --format nn-meter
#   architectures: HELP's str_arch2idx.pt dict / JSON lines           -> --format help-archs / jsonl-archs
# then compares `oneproxy monotonicity --format csv` of each import with the original's (cmp).
# Usage: scripts/import-roundtrip.sh [space] [oneproxy command]   (needs /usr/bin/python3 with torch)
set -euo pipefail
space="${1:-nasbench201}"
op="${2:-$(cd "$(dirname "$0")/.." && pwd)/oneproxy}"
data="${ONEPROXY_DATA:-$(cd "$(dirname "$0")/../.." && pwd)/shared/datasets}"
work="$(mktemp -d /tmp/oneproxy-roundtrip.XXXXXX)"
trap 'rm -rf "$work"' EXIT
src="$data/$space/latency_ms.csv"
/usr/bin/python3 - "$src" "$data/$space/architectures.csv" "$work" <<'PY'
import csv, json, os, pickle, sys
import torch
src, archs, work = sys.argv[1:4]
rows = list(csv.DictReader(open(src)))
devices = [c for c in rows[0] if c not in ("index", "arch")]
col = lambda d: [float(r[d]) if r[d] not in ("", "-1") else -1.0 for r in rows]
os.makedirs(f"{work}/help/latency")
for d in devices:                                   # HELP: one torch.save'd list per device
    torch.save(col(d), f"{work}/help/latency/{d}.pt")
hw = [d for d in ("edgegpu", "raspi4", "edgetpu", "pixel3", "eyeriss", "fpga") if d in devices] or devices[:4]
with open(f"{work}/hw.pickle", "wb") as f:          # HW-NAS-Bench: nested dict of lists
    pickle.dump({"nasbench201": {"cifar10": {f"{d}_latency": col(d) for d in hw}}}, f)
with open(f"{work}/nnmeter.jsonl", "w") as f:       # nn-Meter bench dataset: one model per line
    for i, r in enumerate(rows):
        f.write(json.dumps(dict(id=f"m{i}", graph={}, **{d: (float(r[d]) if r[d] not in ("", "-1") else None) for d in devices})) + "\n")
with open(f"{work}/nnmeter.csv", "w") as f:         # nn-Meter predict: long CSV
    f.write("model_name, model_type, predictor, predictor_version, latency\n")
    for i, r in enumerate(rows):
        for d in devices:
            if r[d] not in ("", "-1"): f.write(f"m{i}, torch, {d}, 1.0, {r[d]}\n")
arch = {int(r["index"]): r["arch"] for r in csv.DictReader(open(archs))}
torch.save({a: i for i, a in arch.items()}, f"{work}/str_arch2idx.pt")
with open(f"{work}/archs.jsonl", "w") as f:
    for i, a in arch.items(): f.write(json.dumps({"index": i, "arch": a}) + "\n")
with open(f"{work}/hw_devices", "w") as f: f.write(",".join(hw))
PY
hw="$(cat "$work/hw_devices")"
"$op" datasets import --format help-latency -i "$work/help/latency" -o "$work/help.csv" >/dev/null
"$op" datasets import --format hw-nas-bench -i "$work/hw.pickle" -o "$work/hw.csv" >/dev/null
"$op" datasets import --format nn-meter -i "$work/nnmeter.jsonl" -o "$work/nnj.csv" >/dev/null
"$op" datasets import --format nn-meter -i "$work/nnmeter.csv" -o "$work/nnc.csv" >/dev/null
"$op" datasets import --format help-archs --space "$space" -i "$work/str_arch2idx.pt" -o "$work/archs_pt.csv" >/dev/null
"$op" datasets import --format jsonl-archs --space "$space" -i "$work/archs.jsonl" -o "$work/archs_jl.csv" >/dev/null
srcc() { "$op" monotonicity --space "$space" --format csv "$@" 2>/dev/null; }
srcc --latency "$src" > "$work/ref.csv"
srcc --latency "$src" --devices "$hw" > "$work/ref_hw.csv"
status=0
check() { if cmp -s "$1" "$2"; then echo "same SRCC matrix: $3"; else echo "DIFFERENT SRCC matrix: $3"; status=1; fi; }
check "$work/ref.csv" <(srcc --latency "$work/help.csv") "HELP torch.save lists ($(head -1 "$work/help.csv" | tr ',' '\n' | tail -n +2 | wc -l) devices)"
check "$work/ref_hw.csv" <(srcc --latency "$work/hw.csv") "HW-NAS-Bench pickle ($hw)"
check "$work/ref.csv" <(srcc --latency "$work/nnj.csv") "nn-Meter JSON lines"
check "$work/ref.csv" <(srcc --latency "$work/nnc.csv") "nn-Meter long CSV"
check "$work/ref.csv" <(srcc --latency "$work/help.csv" --architectures "$work/archs_pt.csv") "HELP latencies joined with str_arch2idx.pt"
check "$work/ref.csv" <(srcc --latency "$work/help.csv" --architectures "$work/archs.jsonl") "HELP latencies joined with a JSON-lines list"
cmp -s <(tail -n +2 "$data/$space/architectures.csv" | tr -d "\r" | cut -d, -f1,2) <(tail -n +2 "$work/archs_pt.csv" | tr -d "\r") \
  && echo "same architectures: str_arch2idx.pt -> index,arch" || { echo "DIFFERENT architectures"; status=1; }
exit $status
