#!/usr/bin/env bash
# Policeman and burglar (n = 500, θ = 0.8, the reference weights): epochs to residual
# 0.05 / 0.02 / 0.01 / 0.005 within 5000 epochs for EG, EAG, Halpern, VR-Halpern (Algorithm 1),
# VR-EG and inexact VR-Halpern (Algorithm 2), with the reference code's parameters, beside the
# public code's figures (spec finite-sum.md §2). CPU model and BLAS backend are printed first.
# Usage: [SPARK=1|only [SPARK_N=10000] [SPARK_EPOCHS=20] [SPARK_DIRECT_EPOCHS=2]
#   [SPARK_METHODS=eg,vr-halpern,vr-eg,vr-halpern-inexact] [SPARK_FETCH_MB=0,64]] bench/monotone.sh [weights.csv] [max_epochs] [seeds] [inexact_accuracy,...] [method,...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CP="$(bench/classpath.sh)"
# The launcher's choice of OpenBLAS kernels (see ./geodesic), so that the BLAS figures are the jobs' own.
. "$ROOT/cluster-conf/openblas-coretype.sh"
echo "# OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-detected by OpenBLAS}"
WEIGHTS=${1:-$ROOT/../shared/data/policeman-burglar-w500.csv}
shift || true
if [[ "${SPARK:-0}" != only ]]; then
  java -Xmx2g -cp "$CP" dev.geodesic.bench.MonotoneBench "$WEIGHTS" "$@" 2>/dev/null
fi
# With SPARK=1 (SPARK=only: this part alone): policeman and burglar with SPARK_N components (A is
# 8·N² bytes, held twice) on local[2] through ./geodesic, each method with every --fetch-mb of
# SPARK_FETCH_MB (0: one Spark job per stochastic step; 64: the steps up to the next full evaluation
# run on the driver on components fetched in one job). Per run: Spark jobs per epoch, epochs per
# second of the iteration loop (its Spark jobs + its driver work; the monitored residual included), and
# that loop's seconds in Spark jobs vs on the driver (summary.json), with the process's CPU seconds (JVM
# start, game generation and ‖A‖₂ included); first the BLAS work alone of one partition's share of those
# jobs. VR-EG and inexact VR-Halpern with --fetch-mb 0 make one job per single-component step (≈ n/2 an
# epoch), so they run SPARK_DIRECT_EPOCHS epochs only.
if [[ "${SPARK:-0}" == 1 || "${SPARK:-0}" == only ]]; then
  N=${SPARK_N:-10000}
  OUT=bench/target/monotone-spark
  mkdir -p "$OUT"
  java -Xmx4g -cp "$CP" dev.geodesic.bench.MonotoneEvaluationBench "$N" 2 2>/dev/null
  echo "# policeman-burglar n=$N local[2]; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# method fetch_mb fetch_limit epochs spark_jobs jobs/epoch epochs/s loop_s spark_s driver_s cpu_s residual blas"
  IFS=, read -ra METHODS <<< "${SPARK_METHODS:-eg,vr-halpern,vr-eg,vr-halpern-inexact}"
  IFS=, read -ra FETCH <<< "${SPARK_FETCH_MB:-0,64}"
  for m in "${METHODS[@]}"; do
    for f in "${FETCH[@]}"; do
      [[ $m == eg && $f != "${FETCH[0]}" ]] && continue # EG has no stochastic steps
      E=${SPARK_EPOCHS:-20}
      [[ $f == 0 && ( $m == vr-eg || $m == vr-halpern-inexact ) ]] && E=${SPARK_DIRECT_EPOCHS:-2}
      /usr/bin/time -f "%U %S" -o "$OUT/time.txt" env GEODESIC_DRIVER_MEMORY=${GEODESIC_DRIVER_MEMORY:-6g} \
        ./geodesic monotone --master 'local[2]' --problem policeman-burglar --n "$N" --method "$m" \
        --max-epochs "$E" --fetch-mb "$f" --output "$OUT/$m-$f" --overwrite >/dev/null 2>"$OUT/$m-$f.log"
      python3 - "$OUT/$m-$f/summary.json" "$m" "$f" "$(awk '{print $1 + $2}' "$OUT/time.txt")" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
e, j = s["epochs"], s["spark_jobs"]
t = s["spark_seconds"] + s["driver_seconds"]
print(f"{sys.argv[2]:<19} {sys.argv[3]:>3} {s['fetch_limit']:>6} {e:7.2f} {j:7d} {j / e:9.1f} {e / t:8.3f} "
      f"{t:8.1f} {s['spark_seconds']:8.1f} {s['driver_seconds']:8.1f} {float(sys.argv[4]):7.1f} {s['residual']:.4e} "
      f"{s['blas']}/{s.get('blas_core')}")
PY
    done
  done
  echo "# load: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
