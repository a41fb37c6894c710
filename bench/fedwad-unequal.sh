#!/usr/bin/env bash
# FedWaD between two unequal Gaussian clients through the command, as a user runs it (issue 11 §1's target:
# 20 rounds within 0.5 % of the exact W2 in at most 60 s of solve_seconds on local[2]): N(0, I) with n points
# against N((4/√d)·1, I) with m points, generated once into DIR; then for each server step and FedWaD seed
# `./geodesic fedwad --master local[2] --verify-exact --tol TOL`, printing the estimate, the exact W2, the error,
# the certified bracket's width, the rounds run and solve_seconds from each run's summary.
# Usage: [CAP=C (--max-support)] bench/fedwad-unequal.sh [n:m] [d] [seeds] [steps] [tol] [DIR]
#   defaults 2000:1300 50 1,2,3,4,5 select,interpolate 0 /tmp/geodesic-fedwad-unequal
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NM=${1:-2000:1300}; D=${2:-50}; SEEDS=${3:-1,2,3,4,5}; STEPS=${4:-select,interpolate}; TOL=${5:-0}
DIR=${6:-/tmp/geodesic-fedwad-unequal}
N=${NM%%:*}; M=${NM##*:}
PY=${PYTHON:-/usr/bin/python3}
mkdir -p "$DIR"
means() { "$PY" -c "import math,sys; print(','.join(['%.17g' % float(sys.argv[1])] * int(sys.argv[2])))" "$1" "$D"; }
A="$DIR/a-$N-d$D"; B="$DIR/b-$M-d$D"
[ -d "$A" ] || "$ROOT/geodesic" generate --kind gaussian --clients 1 --rows "$N" --dim "$D" --mean "$(means 0)" \
  --seed 11 --output "$A" > /dev/null
[ -d "$B" ] || "$ROOT/geodesic" generate --kind gaussian --clients 1 --rows "$M" --dim "$D" \
  --mean "$(means "$("$PY" -c "import math; print(4 / math.sqrt($D))")")" --seed 12 --output "$B" > /dev/null
grep -m1 "model name" /proc/cpuinfo; uptime
echo "# step seed estimate exact error_% bracket_width_% rounds solve_seconds blas"
for step in ${STEPS//,/ }; do
  for seed in ${SEEDS//,/ }; do
    out="$DIR/out-$step-$seed"
    rm -rf "$out"
    "$ROOT/geodesic" fedwad --master 'local[2]' --input "$A" --input "$B" --verify-exact --tol "$TOL" \
      --server-step "$step" --seed "$seed" ${CAP:+--max-support "$CAP"} --output "$out" > /dev/null 2> "$DIR/log-$step-$seed"
    "$PY" - "$out/summary.json" "$step" "$seed" <<'PYEOF'
import json, sys
s = json.load(open(sys.argv[1]))
print("%s %s %.6f %.6f %.4f %.3f %d %.1f %s/%s" % (sys.argv[2], sys.argv[3], s["estimate"], s["exact"],
      100 * s["relative_error"], 100 * (s["upper"] - s["lower"]) / s["upper"], s["rounds"], s["solve_seconds"],
      s["blas"], s["blas_core"]))
PYEOF
  done
done
uptime
