#!/usr/bin/env bash
# The BLAS kernels Geodesic's solvers call (dgemm, dsyrk, dgemv, ddot), on every backend this
# machine has: native OpenBLAS with the core it detects, forced to Haswell and SkylakeX (the
# OPENBLAS_CORETYPE values the launcher may choose), 1 thread (and 2 for dgemm), and netlib's Java
# backends VectorBLAS, Java11BLAS and F2jBLAS (the reproducible one). One JVM per configuration:
# OpenBLAS reads OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS once, when it loads.
# Prints the CPU and OpenBLAS version, then a Markdown table of GFLOP/s, best of 5 timing windows
# (ns per call in bench/target/blas-kernels/raw.tsv, whose last column is the largest deviation
# from F2jBLAS on the same inputs, relative to the largest entry).
# Usage: bench/blas-kernels.sh [native-cores...]   (default: detected Haswell SkylakeX)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CORES=("$@")
if [ ${#CORES[@]} -eq 0 ]; then CORES=(detected Haswell SkylakeX); fi
OUT=bench/target/blas-kernels
mkdir -p "$OUT"
CP="$(bench/classpath.sh)"
mapfile -t JVM_OPTS < .mvn/jvm.config
run() { java "${JVM_OPTS[@]}" -Xmx2g -cp "$CP" dev.geodesic.bench.BlasKernelsBench "$@" 2>>"$OUT/stderr.txt"; }

echo "# CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; flags: $(grep -o -w 'avx2\|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "# OpenBLAS: $(dpkg-query -W -f '${Package} ${Version}' libopenblas0-pthread 2>/dev/null || echo 'not a Debian package')"
echo "# Java: $(java -version 2>&1 | head -1)"
: > "$OUT/raw.tsv"; : > "$OUT/stderr.txt"
for core in "${CORES[@]}"; do
  if [ "$core" = detected ]; then unset OPENBLAS_CORETYPE; else export OPENBLAS_CORETYPE="$core"; fi
  OPENBLAS_NUM_THREADS=1 run native all | tee -a "$OUT/raw.tsv" >&2
  OPENBLAS_NUM_THREADS=2 run native gemm | tee -a "$OUT/raw.tsv" >&2
done
unset OPENBLAS_CORETYPE
for j in VectorBLAS Java11BLAS F2jBLAS; do
  run "$j" all | tee -a "$OUT/raw.tsv" >&2
done
grep '^#' "$OUT/stderr.txt" | sort -u
# Pivot: one row per kernel, one column per configuration, GFLOP/s.
awk -F'\t' '
  { if (!($1 in seen)) { seen[$1] = 1; cols[++nc] = $1 }
    if (!($2 in seenk)) { seenk[$2] = 1; rows[++nr] = $2 }
    g[$2 SUBSEP $1] = $3 }
  END {
    printf "| kernel (GFLOP/s) |"; for (c = 1; c <= nc; c++) printf " %s |", cols[c]; printf "\n|---|"
    for (c = 1; c <= nc; c++) printf "---:|"; printf "\n"
    for (r = 1; r <= nr; r++) { printf "| %s |", rows[r]
      for (c = 1; c <= nc; c++) { v = g[rows[r] SUBSEP cols[c]]; printf " %s |", (v == "" ? "" : v) }
      printf "\n" } }' "$OUT/raw.tsv"
