#!/usr/bin/env bash
# Variance-reduced finite-sum solvers on one machine (spec §1): SAGA, SVRG and loopless SVRG on the
# Fashion-MNIST train set (pixels/255, label >= 5 -> 1, L2 logistic with intercept, lambda2 = 1e-4,
# f* = 0.18789089555): epochs and seconds to gap 1e-6, with each method's gap curve; then SAGA seconds
# per epoch on dense vs CSR blocks of the same rows across densities (the layout threshold).
# Usage: bench/finite-sum.sh [fashion-mnist dir] [target gap] [methods] [--no-layout]
#   (defaults /usr/share/datasets/fashion-mnist 1e-6 saga,svrg,lsvrg; methods e.g. saga,svrg)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DIR=${1:-/usr/share/datasets/fashion-mnist}
TARGET=${2:-1e-6}
OUT=bench/target/finite-sum
mkdir -p "$OUT"
CP="$(bench/classpath.sh)"
# the solvers are single-threaded: one OpenBLAS thread keeps its busy-waiting out of the CPU figures
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
java -Xmx6g -cp "$CP" dev.geodesic.bench.FiniteSumBench "$DIR" "$TARGET" "${@:3}" 2>/dev/null | tee "$OUT/results.txt"
