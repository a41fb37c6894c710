#!/usr/bin/env bash
# Builds the modules the benchmarks need (no tests, nothing installed into ~/.m2) and prints the
# classpath of the bench programs: this checkout's classes first, then the dependencies.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mvn -q -B -DskipTests -pl bench -am package \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
echo "$ROOT/bench/target/classes:$ROOT/lib/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
