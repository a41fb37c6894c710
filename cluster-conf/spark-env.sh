#!/usr/bin/env bash
# Sourced by Spark's scripts (spark-submit, and the standalone master/worker daemons) from
# $SPARK_CONF_DIR or $SPARK_HOME/conf. Copy it there, or export the same variables before
# ./geodesic or spark-submit.
#
# One BLAS thread per executor core. Spark already runs one task per core, and each task's hot
# loops are BLAS calls; a native BLAS (OpenBLAS, MKL) left at its default would start a thread per
# core in every task, so an executor with C cores would run C*C threads fighting over C cores —
# slower, and timings that vary from run to run. The parallelism comes from Spark's tasks instead.
export OPENBLAS_NUM_THREADS=1
export MKL_NUM_THREADS=1
export OMP_NUM_THREADS=1

# OpenBLAS kernels. OpenBLAS 0.3.21 (Debian 12) does not recognise recent CPUs and falls back to its
# SSE3 Prescott kernels; on an AVX-512 Xeon the SkylakeX kernels ran dgemm/dsyrk 3-10x faster to the
# same rounding (docs/blas.md). Sourced on each node, so each node picks from its own CPU flags,
# unless OPENBLAS_CORETYPE is already set. summary.json's blas_core / executor_blas show what ran.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  _flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
  case "$_flags" in
    *" avx2 "*)
      if grep -q -m1 '^vendor_id.*AuthenticAMD' /proc/cpuinfo; then export OPENBLAS_CORETYPE=Zen
      else case "$_flags" in *" avx512f "*) export OPENBLAS_CORETYPE=SkylakeX ;; *) export OPENBLAS_CORETYPE=Haswell ;; esac
      fi ;;
  esac
  unset _flags
fi
