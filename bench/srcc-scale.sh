#!/usr/bin/env bash
# Reruns every figure of docs/monotonicity.md "SRCC at scale" (SYNTHETIC tables, generated in-process).
# usage: bench/srcc-scale.sh [OUTDIR]   (build first: dotnet build src/OneProxy.Cli -c Release)
set -euo pipefail
out=${1:-/tmp/srcc-scale}
mkdir -p "$out"
cli="dotnet src/OneProxy.Cli/bin/Release/net10.0/OneProxy.Cli.dll"
# The scaling benchmark is `oneproxy bench srcc-scale --devices N ...`; SRCC_BENCH
# overrides it (e.g. a harness that hosts BenchSrccScaleCommand before it is registered).
bench=${SRCC_BENCH:-"$cli bench srcc-scale"}
log() { echo "[$(date -u +%H:%M:%S)] load: $(cut -d' ' -f1-3 /proc/loadavg) | $*" | tee -a "$out/log.txt"; }
timed() { /usr/bin/time -f "wall_s=%e max_rss_kb=%M" "$@"; }

log "scipy side by side, 1,000 devices"
timed $bench --devices 1000 --archs 15625 --seed 1 --reference scipy | tee "$out/d1000.csv"
log "3,000 devices: matrix in-process, and the table written for the whole command"
timed $bench --devices 3000 --archs 15625 --seed 1 --write-csv "$out/synthetic-3000.csv" | tee "$out/d3000.csv"
log "3,000 devices: whole monotonicity command on the CSV"
timed $cli monotonicity --latency "$out/synthetic-3000.csv" --format csv -o "$out/srcc-3000.csv" 2>&1 | tee "$out/whole-3000.txt"
log "10,000 devices: matrix in-process"
timed $bench --devices 10000 --archs 15625 --seed 1 | tee "$out/d10000.csv"
log "10M architectures x 10 devices: matrix in-process, and the table written"
timed $bench --devices 10 --archs 10000000 --seed 1 --write-csv "$out/synthetic-10m.csv" | tee "$out/a10m.csv"
log "10M architectures x 10 devices: whole monotonicity command on the CSV"
timed $cli monotonicity --latency "$out/synthetic-10m.csv" --format csv -o "$out/srcc-10m.csv" 2>&1 | tee "$out/whole-10m.txt"
log done
