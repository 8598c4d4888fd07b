"""Left-joins this project's real-device column (docs/data/<space>-h100.csv: arch,h100_b1) onto a
public latency table (index,<devices>) by the architecture string of architectures.csv, leaving the
cell empty where the architecture was not measured. Writes a wide CSV (index,...,h100_b1) that
`bench adapt --latency` reads; the public data is not copied into the repository.
usage: python3 docs/analysis/left_join_real.py nasbench201 /tmp/nb201-h100.csv"""
import csv, os, sys

space, out = sys.argv[1], sys.argv[2]
data = os.environ.get("ONEPROXY_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/datasets"))
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(data, space, "architectures.csv")) as f:
    index_of = {row["arch"]: row["index"] for row in csv.DictReader(f)}
with open(os.path.join(here, "..", "data", f"{space}-h100.csv")) as f:
    rows = list(csv.DictReader(f))
real = {}
for row in rows:
    if row["arch"] not in index_of:
        sys.exit(f"{row['arch']} is not in {space}/architectures.csv")
    real[index_of[row["arch"]]] = row["h100_b1"]
with open(os.path.join(data, space, "latency_ms.csv")) as f, open(out, "w", newline="") as g:
    r, w = csv.reader(f), csv.writer(g)
    header = next(r)
    w.writerow(header + ["h100_b1"])
    for row in r:
        w.writerow(row + [real.get(row[0], "")])
print(f"{out}: {len(real)} of {len(rows)} real measurements joined", file=sys.stderr)
