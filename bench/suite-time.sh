#!/usr/bin/env bash
# Where the end-to-end suite's time goes: runs the given test classes of tests/ (default: the
# cluster, launcher and fault classes, the slowest of the module) in one surefire JVM, as
# `mvn -B verify` does, and prints each class's wall seconds from surefire's reports, then the CPU
# seconds (user + sys of Maven and every JVM it started) and the machine's load before and after.
# A quiet measurement needs a quiet machine: run it at normal priority with nothing else running.
# Usage: bench/suite-time.sh [TestClass,TestClass...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CLASSES="${1:-FaultsTest,StandaloneClusterTest,LauncherClusterTest,LauncherTest,DemoTest,BadInputTableTest}"
OUT=bench/target/suite-time
mkdir -p "$OUT"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, BLAS property: ${GEODESIC_BLAS:-auto}"
rm -rf tests/target/surefire-reports
/usr/bin/time -f '%e %U %S' -o "$OUT/time.txt" \
  mvn -B -q verify -pl tests -am -Dtest="$CLASSES" -Dsurefire.failIfNoSpecifiedTests=false > "$OUT/mvn.log" 2>&1 \
  || { echo "mvn failed: see $OUT/mvn.log" >&2; tail -40 "$OUT/mvn.log" >&2; exit 1; }
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| class | tests | wall s |"
echo "|---|---:|---:|"
for f in tests/target/surefire-reports/TEST-*.xml; do
  sed -n 's/.*<testsuite [^>]*name="dev\.geodesic\.tests\.\([^"]*\)"[^>]*time="\([^"]*\)"[^>]*tests="\([^"]*\)".*/| \1 | \3 | \2 |/p' "$f" | head -1
done
read -r wall user sys < "$OUT/time.txt"
echo "# mvn (build of lib and jobs included): wall ${wall} s, CPU $(echo "$user + $sys" | bc) s (user ${user}, sys ${sys})"
