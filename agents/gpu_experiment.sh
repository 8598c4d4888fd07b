#!/usr/bin/env bash
# The H100 half of docs/real-devices.md: runs the bundled agent over architecture lists on CUDA
# and writes JSON lines to $OUT (or ./out). Usage: agents/gpu_experiment.sh eager|mbv2|cells
# Inputs (from `oneproxy sample`, see the doc):
#   .device/mbv2-300.txt  .device/mbv2-30.txt  .device/nb201-1000.txt  .device/fbnet-1000.txt
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-out}"; mkdir -p "$out"
py="${PYTHON:-python3}"
agent() { PYTHONUNBUFFERED=1 timeout "$1" "$py" agents/oneproxy_agent.py --device cuda "${@:2}"; }
{
  nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv
  "$py" -c 'import torch; print("torch", torch.__version__, torch.version.cuda, torch.backends.cudnn.version())'
  date -u +%FT%TZ
} > "$out/gpu-info-$1.txt" 2>&1
case "$1" in
  eager)  # first run: eager timing, batch 1 and 64
    agent 140 --space mobilenetv2 --batch 1  --warmup 10 --runs 50 --archs .device/mbv2-300.txt > "$out/mbv2-h100-b1.jsonl"
    agent 180 --space mobilenetv2 --batch 64 --warmup 5  --runs 30 --archs .device/mbv2-300.txt > "$out/mbv2-h100-b64.jsonl"
    agent 40  --space mobilenetv2 --batch 1  --warmup 10 --runs 50 --archs .device/mbv2-30.txt  > "$out/mbv2-h100-b1-repeat.jsonl"
    agent 100 --space nasbench201 --batch 1  --warmup 10 --runs 50 --archs .device/nb201-1000.txt > "$out/nb201-h100-b1.jsonl"
    agent 100 --space fbnet       --batch 1  --warmup 10 --runs 50 --archs .device/fbnet-1000.txt > "$out/fbnet-h100-b1.jsonl" ;;
  mbv2)   # second run: CUDA-graph timing, repeats of both modes
    g="--timing graph --min-warmup-ms 200"
    agent 150 --space mobilenetv2 --batch 1  $g --warmup 10 --runs 100 --archs .device/mbv2-300.txt > "$out/mbv2-h100g-b1.jsonl"
    agent 30  --space mobilenetv2 --batch 1  $g --warmup 10 --runs 100 --archs .device/mbv2-30.txt  > "$out/mbv2-h100g-b1-repeat.jsonl"
    agent 200 --space mobilenetv2 --batch 64 $g --warmup 5  --runs 30  --archs .device/mbv2-300.txt > "$out/mbv2-h100g-b64.jsonl"
    agent 30  --space mobilenetv2 --batch 64 $g --warmup 5  --runs 30  --archs .device/mbv2-30.txt  > "$out/mbv2-h100g-b64-repeat.jsonl"
    agent 40  --space mobilenetv2 --batch 64    --warmup 5  --runs 30  --archs .device/mbv2-30.txt  > "$out/mbv2-h100-b64-repeat.jsonl" ;;
  cells)  # third run: the rest of the graph-timed batch-1 list (the second run's ran out of time),
          # then NAS-Bench-201 and FBNet architectures of the public datasets, graph timing
    g="--timing graph --min-warmup-ms 50"
    agent 160 --space mobilenetv2 --batch 1 --timing graph --min-warmup-ms 200 --warmup 10 --runs 100 --archs .device/mbv2-rest.txt > "$out/mbv2-h100g-b1-rest.jsonl"
    agent 200 --space nasbench201 --batch 1 $g --warmup 10 --runs 50 --archs .device/nb201-1000.txt > "$out/nb201-h100g-b1.jsonl"
    agent 200 --space fbnet       --batch 1 $g --warmup 10 --runs 50 --archs .device/fbnet-1000.txt > "$out/fbnet-h100g-b1.jsonl" ;;
esac
wc -l "$out"/*.jsonl
