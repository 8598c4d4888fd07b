#!/usr/bin/env bash
# Regenerates every Aquaman result in docs/aquaman (T = 20,000, reported seeds 0-9; settings chosen on seeds 100-109,
# see docs/aquaman.md). Run from the repository root: bash scripts/aquaman_experiments.sh [step...]
# On the shared 2-core machine wrap it: /work/notes/bin/oplock build bash scripts/aquaman_experiments.sh
set -euo pipefail
op=${ONEPROXY:-./oneproxy}
out=docs/aquaman
all="thesis synthetic measured synthetic-delays large laplacian"
steps=${*:-$all}
# synthetic KRR worlds: the network needs a larger step and less exploration (tuning seeds 100-109, docs/aquaman.md);
# aquaman-nlaug (session 9: per-model ridge on [phi, device features, 1], uniform for the first 150 decisions) and
# aquaman-nlridge (Neural-LinUCB on phi alone) depart from Alg. 3-4 and are run beside the thesis-exact aquaman everywhere
syn="--learning-rate 0.01 --gamma 0.03"
sim() { local name=$1; shift; "$op" aquaman simulate --rounds 20000 --seed 0 --format csv --plot "$out/$name-qoe.svg" --details "$out/$name" "$@" > "$out/$name.csv" 2> "$out/$name.log"; tail -1 "$out/$name.log"; }
for step in $steps; do
  case $step in
    thesis)
      sim thesis-d500 --env thesis --max-delay 500 --seeds 10 --policies aquaman,aquaman-nlaug,aquaman-nlridge,static,oracle,linucb,egreedy,neuralucb,aquaman-diag,random
      for d in 100 250; do sim thesis-d$d --env thesis --max-delay $d --seeds 10 --policies aquaman,aquaman-nlaug,aquaman-nlridge,static,oracle,linucb,egreedy; done ;;
    synthetic) sim synthetic-d500 --env synthetic --max-delay 500 --seeds 10 --policies aquaman,aquaman-nlaug,aquaman-nlridge,static,oracle,linucb,egreedy $syn ;;
    measured) sim measured-d500 --env measured --max-delay 500 --seeds 10 --policies aquaman,aquaman-nlaug,aquaman-nlridge,static,oracle,linucb,egreedy ;;
    synthetic-delays) for d in 100 250; do sim synthetic-d$d --env synthetic --max-delay $d --seeds 10 --policies aquaman,aquaman-nlaug,aquaman-nlridge,static,oracle,linucb $syn; done ;;
    large) sim synthetic-large-d500 --env synthetic-large --max-delay 500 --seeds 1 --policies aquaman,aquaman-nlaug,aquaman-nlridge,static,oracle,linucb $syn ;;
    laplacian) sim synthetic-laplacian-d500 --env synthetic-laplacian --max-delay 500 --seeds 10 --policies aquaman,aquaman-nlaug,aquaman-nlridge,static,oracle,linucb $syn ;;
    *) echo "unknown step $step (expected: $all)" >&2; exit 2 ;;
  esac
done
