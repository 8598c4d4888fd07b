#!/usr/bin/env bash
# Regenerates every figure the README and docs/ show, through the CLI's plotting path (ScottPlot).
# Cheap commands are rerun; expensive experiments are redrawn from the CSVs they saved
# (aquaman plot, l2o plot), so no simulation or training is repeated. Usage: scripts/render-figures.sh
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
for d in docs/aquaman/*/; do
  n=$(basename "$d")
  $cli aquaman plot --details "$d" --plot "docs/aquaman/$n-qoe.svg"
done
for s in nasbench301 alphanet; do
  $cli accelerator sweep --set $s --heatmap-latency docs/codesign/${s}_cycles_srcc.png --heatmap-energy docs/codesign/${s}_energy_srcc.png > /dev/null
  $cli codesign --set $s -o /dev/null --svg docs/codesign/${s}_front.png
done
