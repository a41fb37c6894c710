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
