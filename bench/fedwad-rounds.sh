#!/usr/bin/env bash
# FedWaD per-round error vs the exact W2 and certified bracket width on Gaussian clouds
# (n = m in {500, 2000}, d in {2, 10, 50}; K = 20, random t, exact interpolation, S = n atoms in ξ0).
# A third argument sets S (with S != n the exact interpolant's support grows every round).
# Usage: bench/fedwad-rounds.sh [n,n,...] [d,d,...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mvn -q -B -o -DskipTests install
mvn -q -B -o -pl bench org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
# this worktree's classes first: ~/.m2 is shared, another checkout may install its own snapshot
CP="bench/target/classes:lib/target/classes:$(cat bench/target/classpath.txt)"
java -Xmx4g -cp "$CP" dev.geodesic.bench.FedwadRoundsBench "$@" 2>/dev/null
