#!/usr/bin/env bash
# Variance-reduced finite-sum solvers on one machine (spec §1): SAGA, SVRG and loopless SVRG on the
# Fashion-MNIST train set (pixels/255, label >= 5 -> 1, L2 logistic with intercept, lambda2 = 1e-4,
# f* = 0.18789089555): epochs and seconds to gap 1e-6, with each method's gap curve; then SAGA seconds
# per epoch on dense vs CSR blocks of the same rows across densities (the layout threshold).
# Usage: [SPARK=1|only [SPARK_SOLVERS=saga,svrg] [SPARK_INNER=1] [MLLIB_ITERATIONS=100,200,400]
#         [MULTINOMIAL_ITERATIONS=50,100,200 MULTINOMIAL_PASSES=60] [SPARSE_ROWS=1000000 SPARSE_D=262144 SPARSE_NNZ=40]
#         [DENSE_ROWS=2000000 DENSE_D=100] [SCALE=0 to skip the generated problems]
#         [ROUNDS=1|only [ROUNDS_SHARDS=1,2,4] [ROUNDS_SOLVERS=svrg,saga] [ROUNDS_INNER=1]
#          [ROUNDS_STEP_SCALES=1] [ROUNDS_RELAXATION=1,1.8] [ROUNDS_SAMPLING=uniform,smoothness]]]
#   bench/finite-sum.sh [fashion-mnist dir] [target gap] [methods] [--no-layout]
#   (defaults /usr/share/datasets/fashion-mnist 1e-6 saga,svrg,lsvrg; methods e.g. saga,svrg; PYTHON, default
#   /usr/bin/python3, runs the scikit-learn part)
# SPARK=only prints, in one run: MLlib's L-BFGS at 100/200/400 iterations and each of our solvers on the
# same cached DataFrame (seconds and passes to the target, gap curve), scikit-learn's SAGA to the target,
# the 10-class multinomial curves of both, then seconds per pass on the generated sparse and dense
# problems (MLlib's beside ours, the dense one against the measured memory-bandwidth floor).
# ROUNDS=1 adds the distributed rounds without Spark (data passes to the target per shard count and
# relaxation, FiniteSumRoundsBench). Smoke sizes: SPARSE_ROWS=20000 DENSE_ROWS=20000.
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
# the launcher's choice of OpenBLAS kernels (see ./geodesic): Debian's OpenBLAS falls back to Prescott otherwise
. "$ROOT/cluster-conf/openblas-coretype.sh"
echo "# OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-detected by OpenBLAS}"
# The distributed rounds without Spark: data passes to the target per shard count, step scale and relaxation.
rounds() {
  java -Xmx6g -cp "$CP" dev.geodesic.bench.FiniteSumRoundsBench "$DIR" "$TARGET" "${ROUNDS_SHARDS:-1,2,4}" \
    "${ROUNDS_SOLVERS:-svrg,saga}" "${ROUNDS_INNER:-1}" 400 "${ROUNDS_STEP_SCALES:-1}" "${ROUNDS_RELAXATION:-1,1.8}" "${ROUNDS_SAMPLING:-uniform,smoothness}" \
    2>/dev/null | tee "$OUT/rounds.txt"
}
if [[ "${ROUNDS:-0}" == only ]]; then
  rounds
  exit 0
fi
if [[ "${SPARK:-0}" != only ]]; then
  java -Xmx6g -cp "$CP" dev.geodesic.bench.FiniteSumBench "$DIR" "$TARGET" "${@:3}" 2>/dev/null | tee "$OUT/results.txt"
fi
# With SPARK=1 (SPARK=only: this part alone): the Spark ML estimator vs MLlib's LogisticRegression (100/200/400 iterations) on the same
# cached DataFrame on local[2], and scikit-learn's SAGA on the same rows, in the same run.
if [[ "${SPARK:-0}" == 1 || "${SPARK:-0}" == only ]]; then
  OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)
  # shellcheck disable=SC2086
  java -Xmx8g $OPENS \
    -cp "$ROOT/jobs/target/classes:$CP" dev.geodesic.bench.FiniteSumSparkBench "$DIR" "$TARGET" \
    "${SPARK_SOLVERS:-saga,svrg}" "${SPARK_INNER:-1}" "${MLLIB_ITERATIONS:-100,200,400}" 2>/dev/null \
    | tee "$OUT/spark.txt"
  # shellcheck disable=SC2086
  java -Xmx8g $OPENS -cp "$ROOT/jobs/target/classes:$CP" dev.geodesic.bench.FiniteSumScaleBench multinomial "$DIR" \
    "${MULTINOMIAL_ITERATIONS:-50,100,200}" "${MULTINOMIAL_PASSES:-60}" 2>/dev/null | tee "$OUT/multinomial.txt"
  if [[ "${SCALE:-1}" != 0 ]]; then
    # shellcheck disable=SC2086
    java -Xmx14g $OPENS -cp "$ROOT/jobs/target/classes:$CP" dev.geodesic.bench.FiniteSumScaleBench sparse \
      "${SPARSE_ROWS:-1000000}" "${SPARSE_D:-262144}" "${SPARSE_NNZ:-40}" 2>/dev/null | tee "$OUT/sparse.txt"
    # shellcheck disable=SC2086
    java -Xmx14g $OPENS -cp "$ROOT/jobs/target/classes:$CP" dev.geodesic.bench.FiniteSumScaleBench dense \
      "${DENSE_ROWS:-2000000}" "${DENSE_D:-100}" 2>/dev/null | tee "$OUT/dense.txt"
  fi
  "${PYTHON:-/usr/bin/python3}" - "$DIR" "$TARGET" <<'PY' | tee "$OUT/sklearn.txt"
# scikit-learn SAGA on the same rows: its objective is C*sum(logloss) + |w|^2/2, so C = 1/(n*lambda2)
import gzip, sys, time, warnings
import numpy as np
from sklearn.linear_model import LogisticRegression
d = sys.argv[1]
with gzip.open(d + "/train-images-idx3-ubyte.gz") as f:
    X = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784) / 255.0
with gzip.open(d + "/train-labels-idx1-ubyte.gz") as f:
    y = (np.frombuffer(f.read(), np.uint8, offset=8) >= 5).astype(float)
n, lam, fstar = X.shape[0], 1e-4, 0.18789089555
warnings.filterwarnings("ignore")
target = float(sys.argv[2])
print("# sklearn SAGA, 1 core: max_iter seconds gap (max_iter grows by 30 until the gap is <= %g)" % target)
for it in range(30, 331, 30):
    t = time.time()
    m = LogisticRegression(solver="saga", C=1.0 / (n * lam), tol=1e-15, max_iter=it).fit(X, y)
    s = time.time() - t
    z = X @ m.coef_[0] + m.intercept_[0]
    f = np.mean(np.logaddexp(0, z) - y * z) + 0.5 * lam * m.coef_[0] @ m.coef_[0]
    print("sklearn-saga max_iter=%d %.2f %.3g" % (it, s, f - fstar), flush=True)
    if f - fstar <= target:
        break
PY
fi
if [[ "${ROUNDS:-0}" == 1 ]]; then
  rounds
fi
