#!/usr/bin/env bash
# Load (issue 12 §6): finite-sum on a generated ROWS × DIM dense logistic problem (default
# 5 000 000 × 100, ~4 GB of doubles, more than the driver heap) and drcgd with 64 agents on the
# Fashion-MNIST train set, both through ./geodesic in local mode with the driver heap capped
# (GEODESIC_DRIVER_MEMORY, default 6g). The jobs cache their blocks MEMORY_AND_DISK, so what does not
# fit in the heap spills to Spark's local directory instead of failing. Prints, per step, the exit
# status, wall time and peak resident memory (/usr/bin/time -v), with the machine load beside them.
# Usage: bench/load.sh [fashion-mnist dir]   (env: ROWS, DIM, EPOCHS, ITERATIONS, OUT, GEODESIC_DRIVER_MEMORY)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# ./geodesic sources the same file; sourced here too so that the core is printed with the figures
. "$ROOT/cluster-conf/openblas-coretype.sh"
echo "# OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-detected by OpenBLAS}"
FMNIST=${1:-/usr/share/datasets/fashion-mnist}
ROWS=${ROWS:-5000000}
DIM=${DIM:-100}
EPOCHS=${EPOCHS:-3}
ITERATIONS=${ITERATIONS:-30}
OUT=${OUT:-bench/target/load}
export GEODESIC_DRIVER_MEMORY=${GEODESIC_DRIVER_MEMORY:-6g}
[[ -x /usr/bin/time ]] || { echo "bench/load.sh needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$OUT"

# step NAME ARGS...: runs ./geodesic ARGS under /usr/bin/time -v, logs to $OUT/NAME.log, prints one line.
step() {
  local name=$1
  shift
  local rc=0
  /usr/bin/time -v -o "$OUT/$name.time" ./geodesic "$@" >"$OUT/$name.log" 2>&1 || rc=$?
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$name.time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")
  printf '%-12s exit %d  wall %s  peak RSS %.2f GB  load %s\n' "$name" "$rc" "$wall" "$(echo "$rss / 1048576" | bc -l)" \
    "$(uptime | sed 's/.*load average: //')"
  grep -m1 -h 'BLAS' "$OUT/$name.log" || true
  if [[ $rc -ne 0 ]]; then
    tail -5 "$OUT/$name.log"
  fi
  return 0
}

echo "geodesic load: ${ROWS} x ${DIM} finite-sum, 64-agent drcgd; driver heap ${GEODESIC_DRIVER_MEMORY}; $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB"
[[ -f "$OUT/problem/_SUCCESS" ]] || step generate generate --kind logistic --rows "$ROWS" --dim "$DIM" \
  --partitions 48 --seed 1 --output "$OUT/problem" --overwrite
step finite-sum finite-sum --input "$OUT/problem" --method svrg --l2 1e-4 --max-epochs "$EPOCHS" \
  --output "$OUT/finite-sum" --overwrite
grep -h '"objective"\|"iterations"\|"status"' "$OUT/finite-sum/summary.json" 2>/dev/null | tr -d ' \n' && echo
[[ -f "$OUT/fashion-mnist/_SUCCESS" ]] || step import import --format idx --input "$FMNIST" --split train \
  --scale unit --partitions 64 --output "$OUT/fashion-mnist" --overwrite
step drcgd drcgd --input "$OUT/fashion-mnist" --agents 64 --rank 5 --graph ring --iterations "$ITERATIONS" \
  --output "$OUT/drcgd" --overwrite
grep -h '"iterations"\|"status"\|"consensus[^"]*"' "$OUT/drcgd/summary.json" 2>/dev/null | tr -d ' \n' && echo
