#!/usr/bin/env bash
# DRCGD and its baselines (DPRGD, DRDGD, DRGTA, drcgd-gt) in the two settings of Chen et al. (ICLR 2024):
# the synthetic PCA (16 agents, ring, t = 10, 200 iterations) and Fashion-MNIST (20 agents, ring, t = 1,
# 1000 iterations, if /usr/share/datasets/fashion-mnist exists), printed side by side with the paper's
# and the spec's prototype figures, then the search for what makes a tracked method converge on
# Fashion-MNIST. Single machine (lib only); the Spark command is timed separately.
# Usage: bench/drcgd.sh [synthetic|fashion|search ...] (default: all three)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CP="$(bench/classpath.sh)"
MODES=("$@")
[ ${#MODES[@]} -eq 0 ] && MODES=(synthetic fashion search)
for m in "${MODES[@]}"; do
  OPENBLAS_NUM_THREADS=1 java -Xmx6g -cp "$CP" dev.geodesic.bench.DrcgdBench "$m" 2>/dev/null
done
