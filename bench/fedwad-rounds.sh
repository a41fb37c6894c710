#!/usr/bin/env bash
# FedWaD per-round error vs the exact W2 and certified bracket width (before/after the summary lower bounds),
# with the defaults (random t, exact interpolation, ξ0 of min(n, m) atoms, the server keeping one of the two
# interpolants, support capped at n + m):
# Gaussian clouds of equal and unequal sizes (n:m in {500, 2000, 1500:1100, 2000:1300}, d in {2, 10, 50}),
# then the Fashion-MNIST t10k class pairs 0-1, 2-4, 5-7, 0-6 when /usr/share/datasets/fashion-mnist exists.
# A third argument sets S, the atoms of ξ0 (0: min(n, m)); a fourth the FedWaD seeds, one run each (e.g. 1,2,3,4,5);
# a fifth the cap C on ξ's atoms (--max-support; 0: max(S, n + m), or max(S, n, m) with interpolate); a sixth the server's step (--server-step:
# select, the default, or interpolate, the paper's).
# Usage: bench/fedwad-rounds.sh [n:m,n:m,...|fashion] [d,d,...] [S] [seed,seed,...] [C] [select|interpolate]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# one OpenBLAS thread per call, as ./geodesic sets it: the solver prices on its own threads, and
# OpenBLAS's own pool on every small pricing gemm cost the candidate solver more than it gained
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
# the launcher's choice of OpenBLAS kernels (see ./geodesic): Debian's OpenBLAS falls back to Prescott otherwise
. "$ROOT/cluster-conf/openblas-coretype.sh"
echo "# OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-detected by OpenBLAS}"
# BENCH_CP="$(bench/classpath.sh)" (built beforehand) keeps the build out of a timed or locked run
CP="${BENCH_CP:-$(bench/classpath.sh)}"
uptime
java -Xmx4g -cp "$CP" dev.geodesic.bench.FedwadRoundsBench "$@" 2>/dev/null
if [ $# -eq 0 ] && [ -d /usr/share/datasets/fashion-mnist ]; then
  java -Xmx4g -cp "$CP" dev.geodesic.bench.FedwadRoundsBench fashion 2>/dev/null
fi
uptime
