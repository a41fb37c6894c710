#!/usr/bin/env bash
# Exact OT: Geodesic's CandidateArcTransport (network simplex on candidate arcs, all n·m arcs priced by
# BLAS dgemm, certified by its duals) and full NetworkSimplex vs POT 0.8.2 ot.emd2 on the same seeded
# points (N(0, I) vs N(0.5·1, I), d = 10, uniform weights, squared Euclidean cost), in one run.
# Geodesic's times include every cost computation (dense matrix / pricing); POT's time is emd2 alone
# (ot.dist excluded), with numItermax raised so it reaches optimality, and again with its default
# numItermax = 100000, which stops early for n = 4000 (its cost is then not optimal).
# POT and the full simplex run for n ≤ POT_MAX (default 4000: POT's dense n×n matrix); the candidate
# solver runs for every size in a 4 GB heap (JAVA_HEAP, default 4g).
# Usage: bench/ot-vs-pot.sh [n ...]   (default 1000 2000 4000 20000 50000); FLY=1 also times the
# full simplex with on-the-fly costs; REPEAT=R repeats each Geodesic solve; OUT=DIR (default bench/target/ot-vs-pot).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# one OpenBLAS thread per call, as ./geodesic sets it: the solver prices on its own threads, and
# OpenBLAS's own pool on every small pricing gemm cost the candidate solver more than it gained
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
# the launcher's choice of OpenBLAS kernels (see ./geodesic): Debian's OpenBLAS falls back to Prescott otherwise
. "$ROOT/cluster-conf/openblas-coretype.sh"
echo "# OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-detected by OpenBLAS}"
SIZES=("$@")
if [ ${#SIZES[@]} -eq 0 ]; then SIZES=(1000 2000 4000 20000 50000); fi
POT_MAX=${POT_MAX:-4000}
OUT=${OUT:-bench/target/ot-vs-pot}
mkdir -p "$OUT"
# BENCH_CP="$(bench/classpath.sh)" (built beforehand) keeps the build out of a timed or locked run
CP="${BENCH_CP:-$(bench/classpath.sh)}"
EXTRA=(--full-max "$POT_MAX" --points-max "$POT_MAX" --repeat "${REPEAT:-1}")
if [ "${FLY:-0}" = "1" ]; then EXTRA+=(--fly); fi
echo "# cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
echo "# load before: $(uptime | sed 's/.*load average: //')"
java -Xmx"${JAVA_HEAP:-4g}" --add-modules=jdk.incubator.foreign,jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$CP" \
  dev.geodesic.bench.ExactOtBench "$OUT" "${SIZES[@]}" "${EXTRA[@]}" 2>/dev/null | tee "$OUT/java.txt"
echo "# load after Geodesic: $(uptime | sed 's/.*load average: //')"
/usr/bin/python3 - "$OUT" "$POT_MAX" <<'PY'
import sys, time, warnings
import numpy as np
import ot
out, pot_max = sys.argv[1], int(sys.argv[2])
geo = {}
for line in open(f"{out}/java.txt"):
    if line.startswith("#"):
        continue
    f = line.split()
    geo.setdefault(int(f[0]), {}).setdefault(f[1], []).append(f)
print(f"POT {ot.__version__}  (cand/pot: wall-time ratio; cpu columns: process CPU seconds over the solve)")
print(f"{'n':>6} {'candidate_s':>11} {'cand_cpu_s':>10} {'full_s':>8} {'pot_s':>8} {'pot_cpu_s':>9} {'cand/pot':>8} {'full/pot':>8} {'rel_cost_diff':>13} "
      f"{'rounds':>6} {'arcs':>9} {'max_viol':>9} {'tol':>9} | {'pot_default_s':>13} {'default_rel_diff':>16} {'hit_limit':>9}")
for n in sorted(geo):
    c = geo[n]["candidate"]
    tc = min(float(r[3]) for r in c)
    cc = min(float(r[9]) for r in c)
    cg = float(c[0][2])
    full = geo[n].get("dense")
    tf = min(float(r[3]) for r in full) if full else float("nan")
    tp = td = pc = float("nan"); cp = cd = float("nan"); hit = "-"
    if n <= pot_max:
        x = np.fromfile(f"{out}/x_{n}.f64", "<f8").reshape(n, 10)
        y = np.fromfile(f"{out}/y_{n}.f64", "<f8").reshape(n, 10)
        a = np.full(n, 1.0 / n)
        M = ot.dist(x, y)  # squared Euclidean
        t0 = time.perf_counter(); p0 = time.process_time()
        cp = ot.emd2(a, a, M, numItermax=10**9)
        tp = time.perf_counter() - t0; pc = time.process_time() - p0
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            t0 = time.perf_counter(); cd = ot.emd2(a, a, M); td = time.perf_counter() - t0
            hit = str(any("numItermax" in str(m.message) for m in w))
    rel = abs(cg - cp) / cp if n <= pot_max else float("nan")
    print(f"{n:>6} {tc:>11.3f} {cc:>10.3f} {tf:>8.3f} {tp:>8.3f} {pc:>9.3f} {tc / tp:>8.2f} {tf / tp:>8.2f} {rel:>13.2e} "
          f"{c[0][5]:>6} {c[0][6]:>9} {c[0][7]:>9} {c[0][8]:>9} | {td:>13.3f} {abs(cd - cp) / cp:>16.2e} {hit:>9}")
PY
echo "# load after POT: $(uptime | sed 's/.*load average: //')"
