#!/usr/bin/env bash
# Regenerates every figure the README and docs/ show, through the CLI's plotting path (ScottPlot).
# Cheap commands are rerun; expensive experiments are redrawn from the CSVs they saved
# (aquaman plot, l2o plot, energy plot), so no simulation, training or measurement is repeated.
# Then every figure is rendered to PNG under out/figure-check/ (rsvg-convert for SVGs; PNGs are
# copied), so each can be looked at as it prints; docs/figures.md lists them and when they were checked.
# Usage: scripts/render-figures.sh [--no-aquaman]   (docs/aquaman/** belongs to the aquaman work)
set -euo pipefail
cd "$(dirname "$0")/.."
export ONEPROXY_DATA="${ONEPROXY_DATA:-../shared/datasets}"
cli=./oneproxy
$cli monotonicity --space nasbench201 --heatmap docs/nasbench201-srcc.svg -o /dev/null
$cli monotonicity --space fbnet       --heatmap docs/fbnet-srcc.svg       -o /dev/null
$cli monotonicity --space mobilenetv2 --latency docs/data/mobilenetv2-real-latency.csv --with-flops --heatmap docs/real-mobilenetv2-srcc.svg -o /dev/null
$cli transfer --space nasbench201 --proxy pixel3 --target titan_rtx_1 --plot docs/transfer-titan_rtx_1.svg -o /dev/null
$cli transfer --space nasbench201 --proxy pixel3 --target pixel2      --plot docs/transfer-pixel2.svg      -o /dev/null
for m in measured-m1 measured-m2 accelerators-m1 accelerators-m2; do
  $cli l2o plot --from docs/l2o-$m.csv --plot docs/l2o-$m.svg
done
series=()
for s in nasbench201 fbnet mobilenetv2; do
  series+=(--series "$s=docs/data/$s-h100-energy.csv,docs/data/$s-h100-energy-runs-latency.csv")
done
$cli energy plot "${series[@]}" --column h100_b1e_q --plot docs/energy-h100.svg \
  --title "Measured on an NVIDIA H100 (batch 1): energy vs latency"
if [[ "${1:-}" != "--no-aquaman" ]]; then
  for d in docs/aquaman/*/; do
    n=$(basename "$d")
    $cli aquaman plot --details "$d" --plot "docs/aquaman/$n-qoe.svg"
  done
fi
for s in nasbench301 alphanet; do
  $cli accelerator sweep --set $s --heatmap-latency docs/codesign/${s}_cycles_srcc.png --heatmap-energy docs/codesign/${s}_energy_srcc.png > /dev/null
  $cli codesign --set $s -o /dev/null --svg docs/codesign/${s}_front.png
done

# PNGs to look at: every figure referenced from README.md and docs/*.md, aquaman's included.
check=out/figure-check
mkdir -p "$check"
for f in $(grep -ohE '[A-Za-z0-9_./-]+\.(svg|png)' README.md docs/*.md | sed 's|^docs/||; s|^\./||' | sort -u); do
  src=docs/$f
  [[ -f "$src" ]] || continue   # README's examples (srcc.svg, front.svg) are user output, not files
  dst="$check/$(echo "$f" | tr '/' '_')"
  case "$f" in
    *.svg) if command -v rsvg-convert >/dev/null; then rsvg-convert -z 2 "$src" -o "${dst%.svg}.png"; fi ;;
    *.png) cp "$src" "$dst" ;;
  esac
done
echo "PNGs to look at: $check/ ($(ls "$check" | wc -l) files)"
