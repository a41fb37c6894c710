#!/usr/bin/env bash
# DRCGD and its baselines (DPRGD, DRDGD, DRGTA, drcgd-gt) in the two settings of Chen et al. (ICLR 2024):
# the synthetic PCA (16 agents, ring, t = 10, 200 iterations) and Fashion-MNIST (20 agents, ring, t = 1,
# 1000 iterations, if /usr/share/datasets/fashion-mnist exists), printed side by side with the paper's
# and the spec's prototype figures, then the search for what makes a tracked method converge on
# Fashion-MNIST. Single machine (lib only); the Spark command is timed separately.
# Usage: [SPLIT_SEED=S (Fashion-MNIST's random split, default 2024)] bench/drcgd.sh [synthetic|fashion|search ...] (default: all three), or
#        bench/drcgd.sh crosscheck [numpy split seeds] (DPRGD by an independent numpy code and by Geodesic from the same split and x0), or
#        bench/drcgd.sh spark (the drcgd command on Fashion-MNIST, native and Java BLAS: solve seconds and the split), or
#        bench/drcgd.sh search method:t:plain|chebyshev:step[:iterations] ... (the tracked-method runs to make), or
#        bench/drcgd.sh cost [agents] [d] (the BLAS work of one drcgd PCA iteration, one thread; GEODESIC_BLAS=java for F2j)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CP="$(bench/classpath.sh)"
# The launcher's choice of OpenBLAS kernels (see ./geodesic): Debian's OpenBLAS falls back to Prescott otherwise.
. "$ROOT/cluster-conf/openblas-coretype.sh"
echo "# OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-detected by OpenBLAS}" >&2
if [[ "${1:-}" == spark ]]; then
  # The Spark command on the Fashion-MNIST setting (1000 DPRGD iterations, local[2]), once with native BLAS
  # and once with netlib's Java BLAS: solve seconds and where an iteration's time goes (summary.json's
  # agents_seconds = the iterations' Spark jobs, agents_compute_seconds = the longest task's arithmetic in
  # each, the rest of solve_seconds = the driver's mixing, projections and metrics). Then 64 agents.
  FM=${FASHION_DIR:-/usr/share/datasets/fashion-mnist}
  OUT=${OUT:-$ROOT/bench/target/drcgd-spark}
  mkdir -p "$OUT"
  [ -d "$OUT/fm" ] || ./geodesic import --input "$FM" --format idx --scale unit --output "$OUT/fm" >/dev/null 2>&1
  echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# run blas core agents iterations solve_s per_iteration_ms agents_jobs_ms compute_ms spark_overhead_ms driver_ms d_s wall_s"
  run() { # name, env, agents, iterations
    local name=$1 blas=$2 agents=$3 its=$4
    GEODESIC_BLAS=$blas ./geodesic drcgd --master 'local[2]' --input "$OUT/fm" --agents "$agents" --graph ring --rank 5 \
      --gossip 1 --step 0.05 --iterations "$its" --method dprgd --truth --output "$OUT/$name" --overwrite >"$OUT/$name.log" 2>&1 \
      || { echo "$name failed (see $OUT/$name.log)"; return; }
    python3 - "$OUT/$name/summary.json" "$name" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); k = s["iterations"]
jobs, comp, solve = s["agents_seconds"], s["agents_compute_seconds"], s["solve_seconds"]
print(f'{sys.argv[2]} {s["blas"]} {s.get("blas_core") or "-"} {s["agents"]} {k} {solve:.1f} {1e3*solve/k:.1f} '
      f'{1e3*jobs/k:.1f} {1e3*comp/k:.1f} {1e3*(jobs-comp)/k:.1f} {1e3*(solve-jobs)/k:.1f} {s["subspace_distance"]:.3g} '
      f'{s["wall_seconds"]:.1f}')
PY
  }
  run native auto 20 1000
  run java java 20 1000
  run native-64 auto 64 200
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
if [[ "${1:-}" == crosscheck ]]; then
  # DPRGD on Fashion-MNIST by an independent numpy implementation and by Geodesic's Dprgd from the same
  # split and x0, for each numpy split seed given (default 0 1 2 3): the two lines should agree to the digits
  # printed; how far apart the seeds are is how much the constant-step plateau depends on the split.
  shift
  SEEDS=("$@")
  [ ${#SEEDS[@]} -eq 0 ] && SEEDS=(0 1 2 3)
  OUT=${OUT:-$ROOT/bench/target/drcgd-crosscheck}
  mkdir -p "$OUT"
  for s in "${SEEDS[@]}"; do
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/drcgd-numpy-reference.py "$s" "$OUT/split$s"
    SPLIT_PERM="$OUT/split$s.perm" X0_FILE="$OUT/split$s.x0" OPENBLAS_NUM_THREADS=1 java -Xmx6g -cp "$CP" \
      dev.geodesic.bench.DrcgdBench search dprgd:1:plain:0.05:1000 2>/dev/null | grep '^| dprgd' \
      | awk -F'|' -v s="$s" '{gsub(/^ +| +$/, "", $3); print "geodesic dprgd, split seed " s ": d_s " $3}'
  done
  exit 0
fi
if [[ "${1:-}" == cost || ( "${1:-}" == search && $# -gt 1 ) ]]; then
  OPENBLAS_NUM_THREADS=1 exec java -Xmx6g -cp "$CP" dev.geodesic.bench.DrcgdBench "$@" 2>/dev/null
fi
MODES=("$@")
[ ${#MODES[@]} -eq 0 ] && MODES=(synthetic fashion search)
for m in "${MODES[@]}"; do
  OPENBLAS_NUM_THREADS=1 java -Xmx6g -cp "$CP" dev.geodesic.bench.DrcgdBench "$m" 2>/dev/null
done
