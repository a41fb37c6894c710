#!/usr/bin/env bash
# FedWaD between two unequal Gaussian clients through the command, as a user runs it (issue 11 §1's target:
# 20 rounds within 0.5 % of the exact W2 in at most 60 s of solve_seconds on local[2]): N(0, I) with n points
# against N((4/√d)·1, I) with m points, generated once into DIR; then for each server step and FedWaD seed
# `./geodesic fedwad --master local[2] --verify-exact --tol TOL`, printing the estimate, the exact W2, the error,
# the certified bracket's width, the rounds run and solve_seconds from each run's summary.
# With POT=1 the two clouds are drawn by numpy instead (the same laws, seeds 11 and 12) into CSV files that
# Geodesic reads (--format csv), and after Geodesic's runs bench/fedwad-pot-reference.py runs the paper's FedWaD in
# numpy + POT 0.8.2 on the same two clouds (ot.emd for every plan, exact interpolation, no support cap, its own
# ξ⁽⁰⁾ and t's drawn by numpy from each seed), printing its error and seconds per seed: the issue's prototype,
# measured in the same run. POT_ROUNDS sets its rounds (default 20). Its ξ grows without a cap (13 545 atoms after
# 20 rounds of 1500 vs 1100 in d = 7), and so do its dense plans: one seed there reached 18.8 GB and was killed by
# the kernel, so each seed runs in its own Python under a virtual-memory limit of POT_MEM_GB (default 8) GB, and a
# seed that exceeds it is reported as ended without a result.
# Usage: [CAP=C (--max-support)] [POT=1] bench/fedwad-unequal.sh [n:m] [d] [seeds] [steps] [tol] [DIR]
#   defaults 2000:1300 50 1,2,3,4,5 select,interpolate 0 /tmp/geodesic-fedwad-unequal
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/cluster-conf/openblas-coretype.sh"
NM=${1:-2000:1300}; D=${2:-50}; SEEDS=${3:-1,2,3,4,5}; STEPS=${4:-select,interpolate}; TOL=${5:-0}
DIR=${6:-/tmp/geodesic-fedwad-unequal}
N=${NM%%:*}; M=${NM##*:}
PY=${PYTHON:-/usr/bin/python3}
POT=${POT:-0}
mkdir -p "$DIR"
means() { "$PY" -c "import math,sys; print(','.join(['%.17g' % float(sys.argv[1])] * int(sys.argv[2])))" "$1" "$D"; }
if [ "$POT" = 1 ]; then
  A="$DIR/a-$N-d$D.csv"; B="$DIR/b-$M-d$D.csv"; FORMAT=(--format csv)
  # mu.csv / nu.csv (no header) for the reference, a / b (header x0, x1, …) for Geodesic: the same numbers
  [ -f "$A" ] && [ -f "$B" ] || "$PY" - "$DIR" "$N" "$M" "$D" <<'PYEOF'
import math, sys
import numpy as np
out, n, m, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
mu = np.random.default_rng(11).standard_normal((n, d))
nu = np.random.default_rng(12).standard_normal((m, d)) + 4 / math.sqrt(d)
head = ",".join("x%d" % k for k in range(d))
for cloud, name, bare in ((mu, "a-%d-d%d.csv" % (n, d), "mu.csv"), (nu, "b-%d-d%d.csv" % (m, d), "nu.csv")):
    np.savetxt(out + "/" + name, cloud, delimiter=",", fmt="%.17g", header=head, comments="")
    np.savetxt(out + "/" + bare, cloud, delimiter=",", fmt="%.17g")
PYEOF
else
  A="$DIR/a-$N-d$D"; B="$DIR/b-$M-d$D"; FORMAT=()
  [ -d "$A" ] || "$ROOT/geodesic" generate --kind gaussian --clients 1 --rows "$N" --dim "$D" --mean "$(means 0)" \
    --seed 11 --output "$A" > /dev/null
  [ -d "$B" ] || "$ROOT/geodesic" generate --kind gaussian --clients 1 --rows "$M" --dim "$D" \
    --mean "$(means "$("$PY" -c "import math; print(4 / math.sqrt($D))")")" --seed 12 --output "$B" > /dev/null
fi
grep -m1 "model name" /proc/cpuinfo; uptime
echo "# $N vs $M points, d = $D; geodesic: step seed estimate exact error_% bracket_width_% rounds solve_seconds blas"
for step in ${STEPS//,/ }; do
  for seed in ${SEEDS//,/ }; do
    out="$DIR/out-$step-$seed"
    rm -rf "$out"
    "$ROOT/geodesic" fedwad --master 'local[2]' "${FORMAT[@]}" --input "$A" --input "$B" --verify-exact --tol "$TOL" \
      --server-step "$step" --seed "$seed" ${CAP:+--max-support "$CAP"} --output "$out" > /dev/null 2> "$DIR/log-$step-$seed"
    "$PY" - "$out/summary.json" "$step" "$seed" "$DIR/exact.txt" <<'PYEOF'
import json, sys
s = json.load(open(sys.argv[1]))
print("%s %s %.6f %.6f %.4f %.3f %d %.1f %s/%s" % (sys.argv[2], sys.argv[3], s["estimate"], s["exact"],
      100 * s["relative_error"], 100 * (s["upper"] - s["lower"]) / s["upper"], s["rounds"], s["solve_seconds"],
      s["blas"], s["blas_core"]))
open(sys.argv[4], "w").write("%.17g\n" % s["exact"])
PYEOF
  done
done
uptime
if [ "$POT" = 1 ]; then
  echo "# numpy + POT prototype (the paper's FedWaD, no cap), same clouds, 1 BLAS thread, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; per seed:"
  for seed in ${SEEDS//,/ }; do
    # one process per seed: POT's C++ ends the process on a failed allocation (std::bad_alloc)
    (ulimit -v $(( ${POT_MEM_GB:-8} * 1024 * 1024 ))
     OPENBLAS_NUM_THREADS=1 "$PY" "$ROOT/bench/fedwad-pot-reference.py" "$DIR" --rounds "${POT_ROUNDS:-20}" \
       --own-t "$seed" 2> "$DIR/pot-$seed.err") | grep --line-buffered -E "^# n=|^## own-t" \
      || echo "## own-t seed $seed: ended without a result (over POT_MEM_GB=${POT_MEM_GB:-8} GB?): $(tail -c 200 "$DIR/pot-$seed.err")"
  done
  uptime
fi
