#!/usr/bin/env bash
# DRCGD and its baselines (DPRGD, DRDGD, DRGTA, drcgd-gt) in the two settings of Chen et al. (ICLR 2024):
# the synthetic PCA (16 agents, ring, t = 10, 200 iterations) and Fashion-MNIST (20 agents, ring, t = 1,
# 1000 iterations, if /usr/share/datasets/fashion-mnist exists), printed side by side with the paper's
# and the spec's prototype figures, then the search for what makes a tracked method converge on
# Fashion-MNIST. Single machine (lib only); the Spark command is timed separately.
# Usage: bench/drcgd.sh [synthetic|fashion|search ...] (default: all three), or
#        bench/drcgd.sh search method:t:plain|chebyshev:step[:iterations] ... (the tracked-method runs to make), or
#        bench/drcgd.sh cost [agents] [d] (the BLAS work of one drcgd PCA iteration, one thread; GEODESIC_BLAS=java for F2j)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CP="$(bench/classpath.sh)"
# The launcher's choice of OpenBLAS kernels (see ./geodesic): Debian's OpenBLAS falls back to Prescott otherwise.
if [[ -z "${OPENBLAS_CORETYPE:-}" && -r /proc/cpuinfo ]]; then
  cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  if [[ "$cpu_flags" == *" avx2 "* ]]; then
    if grep -q -m1 '^vendor_id.*AuthenticAMD' /proc/cpuinfo; then export OPENBLAS_CORETYPE=Zen
    elif [[ "$cpu_flags" == *" avx512f "* ]]; then export OPENBLAS_CORETYPE=SkylakeX
    else export OPENBLAS_CORETYPE=Haswell
    fi
  fi
fi
if [[ "${1:-}" == cost || ( "${1:-}" == search && $# -gt 1 ) ]]; then
  OPENBLAS_NUM_THREADS=1 exec java -Xmx6g -cp "$CP" dev.geodesic.bench.DrcgdBench "$@" 2>/dev/null
fi
MODES=("$@")
[ ${#MODES[@]} -eq 0 ] && MODES=(synthetic fashion search)
for m in "${MODES[@]}"; do
  OPENBLAS_NUM_THREADS=1 java -Xmx6g -cp "$CP" dev.geodesic.bench.DrcgdBench "$m" 2>/dev/null
done
