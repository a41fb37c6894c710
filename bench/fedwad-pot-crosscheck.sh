#!/usr/bin/env bash
# Independent cross-check of FedWaD (issue 11 §1): Geodesic's FederatedWasserstein (exact interpolation, no support
# cap) against bench/fedwad-pot-reference.py (numpy + POT 0.8.2 ot.emd, written from specs/fedwad.md) on the
# Gaussian clouds of bench/fedwad-rounds.sh (N(0, I), n points, vs N((4/√d)·1, I), m points), with the same
# ξ⁽⁰⁾ and the same t_A, t_B, t_S per round. FedwadRoundsBench's export mode writes the clouds, ξ⁽⁰⁾, the t's and
# Geodesic's per-round U, min U and |ξ| to DIR; the Python replays them and prints both side by side per round
# (and its own diagnosis of the last ξ: the coupling of μ and ν it glues, its distance to the segments, 2-swaps).
# Builds nothing: BENCH_CP="$(bench/classpath.sh)" first. DIR: $XCHECK_DIR or a fresh temporary directory; with
# XCHECK_REUSE=1 and DIR/t.csv present the Java export is skipped. PY_ARGS adds options to the Python
# (e.g. "--rounds 10", "--state DIR/state.npz [--resume]").
# Usage: BENCH_CP=... bench/fedwad-pot-crosscheck.sh [n:m] [d] [seed] [rounds]   (defaults 2000:1300 50 4 20)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
NM=${1:-2000:1300}
D=${2:-50}
SEED=${3:-4}
K=${4:-20}
CP="${BENCH_CP:?set BENCH_CP=\"\$(bench/classpath.sh)\" (this script builds nothing)}"
PYTHON=${PYTHON:-/usr/bin/python3}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
. "$ROOT/cluster-conf/openblas-coretype.sh"
echo "# OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-detected by OpenBLAS}; numpy's libblas: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 || true)"
DIR=${XCHECK_DIR:-$(mktemp -d /tmp/fedwad-xcheck.XXXXXX)}
mkdir -p "$DIR"
echo "# DIR=$DIR"
uptime
if [ "${XCHECK_REUSE:-0}" = 1 ] && [ -f "$DIR/t.csv" ]; then
  echo "# reusing $DIR (Geodesic's export)"
  grep -h "" "$DIR/geodesic.out" 2>/dev/null || true
else
  /usr/bin/time -f "# geodesic: %e s wall, %U s user, %S s sys" \
    java -Xmx4g -cp "$CP" dev.geodesic.bench.FedwadRoundsBench export "$DIR" "$NM" "$D" "$SEED" "$K" 2>&1 \
    | grep --line-buffered -v -e "^WARNING: Using incubator" -e "InstanceBuilder" | tee "$DIR/geodesic.out"
  uptime
fi
# shellcheck disable=SC2086
/usr/bin/time -f "# python: %e s wall, %U s user, %S s sys" \
  "$PYTHON" "$ROOT/bench/fedwad-pot-reference.py" "$DIR" --rounds "$K" --diagnose ${PY_ARGS:-}
uptime
