#!/usr/bin/env bash
# Policeman and burglar (n = 500, θ = 0.8, the reference weights): epochs to residual
# 0.05 / 0.02 / 0.01 / 0.005 within 5000 epochs for EG, EAG, Halpern, VR-Halpern (Algorithm 1),
# VR-EG and inexact VR-Halpern (Algorithm 2), with the reference code's parameters, beside the
# public code's figures (spec finite-sum.md §2). CPU model and BLAS backend are printed first.
# Usage: bench/monotone.sh [weights.csv] [max_epochs] [seeds] [inexact_accuracy,...] [method,...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CP="$(bench/classpath.sh)"
WEIGHTS=${1:-$ROOT/../shared/data/policeman-burglar-w500.csv}
shift || true
java -Xmx2g -cp "$CP" dev.geodesic.bench.MonotoneBench "$WEIGHTS" "$@" 2>/dev/null
