#!/usr/bin/env bash
# Variance-reduced finite-sum solvers on one machine (spec §1): SAGA, SVRG and loopless SVRG on the
# Fashion-MNIST train set (pixels/255, label >= 5 -> 1, L2 logistic with intercept, lambda2 = 1e-4,
# f* = 0.18789089555): epochs and seconds to gap 1e-6, with each method's gap curve; then SAGA seconds
# per epoch on dense vs CSR blocks of the same rows across densities (the layout threshold).
# Usage: [SPARK=1|only [SPARK_SOLVERS=saga,svrg] [SPARK_INNER=1] [MLLIB_ITERATIONS=100,200,400]]
#   bench/finite-sum.sh [fashion-mnist dir] [target gap] [methods] [--no-layout]
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
  python3 - "$DIR" <<'PY' | tee "$OUT/sklearn.txt"
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
print("# sklearn SAGA, 1 core: max_iter seconds gap")
for it in (30, 60, 90):
    t = time.time()
    m = LogisticRegression(solver="saga", C=1.0 / (n * lam), tol=1e-15, max_iter=it).fit(X, y)
    s = time.time() - t
    z = X @ m.coef_[0] + m.intercept_[0]
    f = np.mean(np.logaddexp(0, z) - y * z) + 0.5 * lam * m.coef_[0] @ m.coef_[0]
    print("sklearn-saga max_iter=%d %.2f %.3g" % (it, s, f - fstar))
PY
fi
