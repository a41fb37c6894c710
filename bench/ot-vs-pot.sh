#!/usr/bin/env bash
# Exact OT: Geodesic's NetworkSimplex vs POT 0.8.2 ot.emd2 on the same seeded points
# (N(0, I) vs N(0.5·1, I), d = 10, uniform weights, squared Euclidean cost).
# Geodesic's time includes building the dense cost matrix (BLAS gemm); POT's time is emd2 alone
# (ot.dist excluded). POT runs twice: with numItermax raised so it reaches optimality (the reference),
# and with its default numItermax = 100000, which stops early for n = 4000 (its cost is then not optimal).
# Usage: bench/ot-vs-pot.sh [n ...]   (default 1000 2000 4000); FLY=1 also times the on-the-fly cost mode.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SIZES=("$@")
if [ ${#SIZES[@]} -eq 0 ]; then SIZES=(1000 2000 4000); fi
OUT=bench/target/ot-vs-pot
mkdir -p "$OUT"
CP="$(bench/classpath.sh)"
EXTRA=()
if [ "${FLY:-0}" = "1" ]; then EXTRA=(--fly); fi
java -Xmx4g -cp "$CP" dev.geodesic.bench.ExactOtBench "$OUT" "${SIZES[@]}" "${EXTRA[@]}" 2>/dev/null | tee "$OUT/java.txt"
/usr/bin/python3 - "$OUT" <<'PY'
import sys, time, warnings
import numpy as np
import ot
out = sys.argv[1]
rows = []
for line in open(f"{out}/java.txt"):
    if line.startswith("#"):
        continue
    n, mode, cost, secs, pivots = line.split()
    if mode != "dense":
        continue
    n = int(n)
    x = np.fromfile(f"{out}/x_{n}.f64", "<f8").reshape(n, 10)
    y = np.fromfile(f"{out}/y_{n}.f64", "<f8").reshape(n, 10)
    a = np.full(n, 1.0 / n)
    M = ot.dist(x, y)  # squared Euclidean
    t0 = time.perf_counter(); c_pot = ot.emd2(a, a, M, numItermax=10**9); t_pot = time.perf_counter() - t0
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        t0 = time.perf_counter(); c_def = ot.emd2(a, a, M); t_def = time.perf_counter() - t0
        hit = any("numItermax" in str(m.message) for m in w)
    rows.append((n, float(secs), t_pot, float(cost), c_pot, t_def, c_def, hit))
print(f"POT {ot.__version__}")
print(f"{'n':>6} {'geodesic_s':>10} {'pot_s':>8} {'ratio':>6} {'rel_cost_diff':>13} | {'pot_default_s':>13} {'default_rel_cost_diff':>21} {'default_hit_limit':>17}")
for n, tg, tp, cg, cp, td, cd, hit in rows:
    print(f"{n:>6} {tg:>10.3f} {tp:>8.3f} {tg / tp:>6.2f} {abs(cg - cp) / cp:>13.2e} | {td:>13.3f} {abs(cd - cp) / cp:>21.2e} {str(hit):>17}")
PY
