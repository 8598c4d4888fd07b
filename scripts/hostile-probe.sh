#!/usr/bin/env bash
# Tries issue 17's hostile and partial inputs against ./oneproxy and prints one markdown row per case:
# class | case | exit code | first line of stderr. docs/reliability.md quotes its output.
# Usage: scripts/hostile-probe.sh   (needs the shared datasets; works in a temporary folder it removes)
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
op="$repo/oneproxy"
data="${ONEPROXY_DATA:-$repo/../shared/datasets}"
lat="$data/nasbench201/latency_ms.csv"; archs="$data/nasbench201/architectures.csv"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
"$op" --help >/dev/null 2>&1 # build once before timing anything
head -2001 "$lat" > partial.csv
/usr/bin/python3 - "$lat" "$archs" <<'PY'
import csv, sys, sqlite3
rows = list(csv.reader(open(sys.argv[1])))
def write(name, r): csv.writer(open(name, "w", newline="")).writerows(r)
r = [x[:5] for x in rows]; r[5][3] = "1e308"; write("huge.csv", r)
r = [x[:5] for x in rows]; r[9][1] = "0"; write("zero.csv", r)
r = [x[:5] for x in rows]; r[0][2] = "bad\x01dev"; write("ctrl.csv", r)
r = [x[:5] for x in rows]; r[0][2] = "../../PWNED"; write("pwn.csv", r)
r = [x[:5] for x in rows]; r[0][2] = "x" * 100000; write("longname.csv", r)
r = [x[:5] for x in rows]; r[3].append("extra"); write("extra.csv", r)
r = [x[:5] for x in rows]; r[0][2] = "arch"; write("arch.csv", r)
a = list(csv.reader(open(sys.argv[2]))); a[7][2] = "-1"; write("acc-hole.csv", a)
db = sqlite3.connect("foreign.db"); db.execute("create table t(x)"); db.commit(); db.close()
open("notastore.db", "w").write("hello")
PY
"$op" fit-predictor --devices pixel3 --output-dir pd >/dev/null 2>&1
/usr/bin/python3 -c 'import re,sys; t=open("pd/pixel3.json").read(); open("bad.json","w").write(re.sub(r"(\"weights\": \[\s*)[-0-9.eE+]+", r"\g<1>1e999", t, count=1))' 
cp foreign.db foreign.orig
row() { # class, description, command...
  local cls="$1" what="$2"; shift 2
  code=$(timeout 300 "$@" >/dev/null 2>err.txt; echo $?)
  local first; first="$(head -1 err.txt | cut -c1-160 | tr '|' '/')"
  local trace=""; grep -q "   at " err.txt && trace=" (STACK TRACE)"
  printf '| %s | %s | %s | %s%s |\n' "$cls" "$what" "$code" "$first" "$trace"
}
A="--architectures $archs"
echo "| class | case | exit | first line of stderr |"
echo "| --- | --- | --- | --- |"
row 1 "device column '../../PWNED' into fit-predictor --output-dir" "$op" fit-predictor --latency pwn.csv $A --output-dir od
row 1 "measure --device '../x'" "$op" measure --space nasbench201 --device ../x --store s.db --agent true
row 2 "transfer on a 2,000-architecture subset" "$op" transfer --latency partial.csv $A --proxy eyeriss --target pixel3
row 2 "constrain on the subset" "$op" constrain --latency partial.csv $A --targets pixel3 --max-latency 20
row 2 "search, evolution, one accuracy missing" "$op" search --device pixel3 --accuracy acc-hole.csv
row 2 "search, exhaustive, one accuracy missing" "$op" search --device pixel3 --accuracy acc-hole.csv --method exhaustive
row 3 "export from another program's SQLite file" "$op" export --space nasbench201 --store foreign.db -o out.csv
row 3 "import into another program's SQLite file" "$op" import --space nasbench201 --latency partial.csv $A --store foreign.db
row 3 "export --store typo.db (missing)" "$op" export --space nasbench201 --store typo.db -o out.csv
row 3 "a text file as store" "$op" export --space nasbench201 --store notastore.db -o out.csv
row 4 "100,000-character column name" "$op" monotonicity --latency longname.csv
row 4 "sample --count 1e8" "$op" sample --count 100000000
row 4 "search --population 1e8" "$op" search --device pixel3 --population 100000000
row 4 "fit-accuracy --hidden 1e8" "$op" fit-accuracy --hidden 100000000 -o m.json
row 5 "one 1e308 cell" "$op" monotonicity --latency huge.csv
row 5 "latency 0" "$op" monotonicity --latency zero.csv
row 5 "monotonicity --threshold 2" "$op" monotonicity --threshold 2
row 5 "monotonicity --threshold NaN" "$op" monotonicity --threshold NaN
row 5 "device named 'arch'" "$op" monotonicity --latency arch.csv
row 5 "predictor file with a 1e999 weight" "$op" search --predictor bad.json
row 6 "a folder given as the latency file" "$op" monotonicity --latency .
row 6 "measure --timeout 1e300" "$op" measure --space nasbench201 --device x --store s.db --agent true --timeout 1e300
row 6 "bench transfer --seeds 0" "$op" bench transfer --seeds 0
row 6 "estimate-srcc --samples 0" "$op" estimate-srcc --pair pixel3,eyeriss --samples 0
row 6 "estimate-srcc --samples 1000000" "$op" estimate-srcc --pair pixel3,eyeriss --samples 1000000
row 7 "one extra field on line 4" "$op" monotonicity --latency extra.csv
row 7 "--architectures nope.csv" "$op" monotonicity --architectures nope.csv
row 7 "constrain --granularity 1e-300" "$op" constrain --granularity 1e-300
row 8 "control character in a device name, heatmap asked" "$op" monotonicity --latency ctrl.csv --heatmap h.svg
cmp -s foreign.db foreign.orig && echo "foreign.db unchanged: yes" || echo "foreign.db unchanged: NO"
ls typo.db >/dev/null 2>&1 && echo "typo.db created: YES" || echo "typo.db created: no"
