#!/usr/bin/env bash
# FedWaD all pairs: wall time against the number of executors, on the ten Fashion-MNIST classes
# (t10k split: 1000 images per class, 784-d, pixels in [0, 1]) when the Debian package
# dataset-fashion-mnist is installed, else on ten generated Gaussian classes of the same shape.
# Runs `fedwad --client-col client` (45 pairs) with local[1], local[2] and local-cluster[E,1,1536]
# for E = 1, 2 executor JVMs, and prints one line per run: master, solve seconds, wall seconds.
# Usage: bench/fedwad-pairs-scaling.sh [extra fedwad options, e.g. --support 100 --rounds 20]
# (default: --support 100 --rounds 20). MASTERS="local[1] local-cluster[2,1,1536]" runs only those masters.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# ./geodesic sources the same file; sourced here too so that the core is printed with the figures
. "$ROOT/cluster-conf/openblas-coretype.sh"
echo "# OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-detected by OpenBLAS}"
OUT=bench/target/fedwad-pairs
rm -rf "$OUT"
mkdir -p "$OUT"
OPTS=("$@")
if [ ${#OPTS[@]} -eq 0 ]; then OPTS=(--support 100 --rounds 20); fi

if [ -d /usr/share/datasets/fashion-mnist ]; then
  ./geodesic import --format idx --input /usr/share/datasets/fashion-mnist --split t10k --scale unit \
    --client-from-label --output "$OUT/data" 2>/dev/null
  DATA="Fashion-MNIST t10k, 10 classes x 1000, d = 784"
else
  ./geodesic generate --kind gaussian --clients 10 --rows 10000 --dim 784 --output "$OUT/data" 2>/dev/null
  DATA="generated: 10 Gaussian classes x 1000, d = 784"
fi

# Executor JVMs of local-cluster need a stand-in SPARK_HOME and the launcher's classpath.
mkdir -p "$OUT/spark-home/jars"
: > "$OUT/spark-home/RELEASE"
export SPARK_HOME="$ROOT/$OUT/spark-home" SPARK_SCALA_VERSION=2.13
SPARK_DIST_CLASSPATH="$ROOT/jobs/target/geodesic-jobs.jar:$(cat jobs/target/spark-classpath.txt)"
export SPARK_DIST_CLASSPATH

echo "# fedwad all pairs, $DATA, options: ${OPTS[*]}"
printf '%-26s %10s %10s %8s\n' master solve_s wall_s pairs
k=0
read -r -a MASTER_LIST <<< "${MASTERS:-local[1] local[2] local-cluster[1,1,1536] local-cluster[2,1,1536]}"
for MASTER in "${MASTER_LIST[@]}"; do
  k=$((k + 1))
  ./geodesic fedwad --input "$OUT/data" --client-col client "${OPTS[@]}" --master "$MASTER" \
    --output "$OUT/run-$k" 2>"$OUT/run-$k.log"
  /usr/bin/python3 - "$OUT/run-$k/summary.json" "$MASTER" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:<26} {s['solve_seconds']:10.1f} {s['wall_seconds']:10.1f} {s['pairs']:8d}")
PY
done
