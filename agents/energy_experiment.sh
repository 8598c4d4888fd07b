#!/usr/bin/env bash
# The H100 half of docs/energy.md: latency and NVML energy per inference of NAS-Bench-201, FBNet
# and MobileNet-V2 architectures, with the bundled agent, written as JSON lines to $OUT (or ./out).
# Usage: agents/energy_experiment.sh all [DIR]   (DIR holds the lists and, if present, the
# agent: nb201.txt fbnet.txt mbv2.txt [oneproxy_agent.py]; default: .device). Lists: see the doc.
set -uo pipefail
dir="$(cd "${2:-.device}" && pwd)" || exit 2
cd "$(dirname "$0")/.."
out="${OUT:-out}"; mkdir -p "$out"
py="${PYTHON:-python3}"
agent_py=agents/oneproxy_agent.py; [[ -f "$dir/oneproxy_agent.py" ]] && agent_py="$dir/oneproxy_agent.py"
g="--device cuda --timing graph --min-warmup-ms 20 --warmup 10 --energy-ticks 1 ${SYNC_RUNS:+--sync-runs $SYNC_RUNS}"
agent() { PYTHONUNBUFFERED=1 timeout "$1" "$py" "$agent_py" "${@:2}"; }
{
  nvidia-smi --query-gpu=name,driver_version,power.limit,clocks.sm,clocks.mem,temperature.gpu --format=csv
  "$py" -c 'import torch; print("torch", torch.__version__, torch.version.cuda)'
  "$py" -c 'import pynvml; print("pynvml", pynvml.__file__)' 2>&1 | tail -1
  ls /sys/class/powercap 2>&1; date -u +%FT%TZ
} > "$out/gpu-info-$1.txt" 2>&1
case "$1" in
  all)  # every space at batch 1, then what time is left: MobileNet-V2 at batch 64, a repeat, host CPU
    agent 175 --space nasbench201 $g --runs 50 --archs "$dir/nb201.txt" > "$out/nb201-h100-energy-b1.jsonl"
    agent 175 --space fbnet       $g --runs 50 --archs "$dir/fbnet.txt" > "$out/fbnet-h100-energy-b1.jsonl"
    agent 185 --space mobilenetv2 $g --runs 50 --archs "$dir/mbv2.txt" > "$out/mbv2-h100-energy-b1.jsonl"
    left=$(( 575 - SECONDS )); echo "seconds left for extras: $left"
    head -3 "$dir/nb201.txt" | agent 15 --space nasbench201 --device cpu --threads 4 --runs 5 --warmup 2 > "$out/nb201-hostcpu-energy.jsonl" 2>&1
    head -100 "$dir/mbv2.txt" > /tmp/mbv2-100.txt; head -100 "$dir/nb201.txt" > /tmp/nb201-100.txt
    left=$(( 575 - SECONDS )); (( left > 10 )) && agent $(( left / 2 )) --space mobilenetv2 $g --batch 64 --runs 20 --archs /tmp/mbv2-100.txt > "$out/mbv2-h100-energy-b64.jsonl"
    left=$(( 580 - SECONDS )); (( left > 10 )) && agent $left --space nasbench201 $g --runs 50 --archs /tmp/nb201-100.txt > "$out/nb201-h100-energy-b1-repeat.jsonl" ;;
esac
wc -l "$out"/*.jsonl
