#!/usr/bin/env bash
# Issue 11 §1's time target at the corners of "any two Gaussian-cloud clients with n ≠ m ≤ 2000, d ≤ 50":
# bench/fedwad-unequal.sh (the default server step, --tol 0, 20 rounds, local[2]) over sizes × dimensions, both
# orders of the clients where the sizes differ a lot, and prints one line per run: sizes, d, seed, error,
# bracket width and solve_seconds (target: error ≤ 0.5 % and solve_seconds ≤ 60).
# Usage: bench/fedwad-corners.sh [n:m,n:m,…] [d,d,…] [seeds] [DIR]
#   defaults 2000:1999,1999:2000,2000:1000,2000:200,200:2000,1500:1100 2,10,50 1 /tmp/geodesic-fedwad-corners
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CASES=${1:-2000:1999,1999:2000,2000:1000,2000:200,200:2000,1500:1100}
DS=${2:-2,10,50}
SEEDS=${3:-1}
DIR=${4:-/tmp/geodesic-fedwad-corners}
grep -m1 "model name" /proc/cpuinfo; uptime
echo "# n:m d step seed estimate exact error_% bracket_width_% rounds solve_seconds blas"
for d in ${DS//,/ }; do
  for nm in ${CASES//,/ }; do
    "$ROOT/bench/fedwad-unequal.sh" "$nm" "$d" "$SEEDS" select 0 "$DIR/$nm-d$d" | grep "^select" | sed "s/^/$nm $d /"
  done
done
uptime
