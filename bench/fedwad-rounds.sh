#!/usr/bin/env bash
# FedWaD per-round error vs the exact W2 and certified bracket width on Gaussian clouds
# (n = m in {500, 2000}, d in {2, 10, 50}; K = 20, random t, exact interpolation, S = n atoms in ξ0).
# A third argument sets S (with S != n the exact interpolant's support grows every round).
# Usage: bench/fedwad-rounds.sh [n,n,...] [d,d,...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CP="$(bench/classpath.sh)"
java -Xmx4g -cp "$CP" dev.geodesic.bench.FedwadRoundsBench "$@" 2>/dev/null
