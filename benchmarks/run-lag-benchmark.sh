#!/usr/bin/env bash
# Measures one lag collection with 10, 100 and 1,000 consumer groups: the local runtime's batched
# Admin calls against one group at a time (docs/benchmarks.md, "Lag collection").
#   benchmarks/run-lag-benchmark.sh                 own broker; 10, 100 and 1,000 groups
#   benchmarks/run-lag-benchmark.sh - 10 100        own broker; the given group counts
#   benchmarks/run-lag-benchmark.sh HOST:PORT ...   an existing broker
# MAVEN_ARGS (read by Maven itself) adds build options, e.g. -o to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_HOME=$(./tributary java-home)
export JAVA_HOME

./mvnw -B -q install -pl local-stack,pipeline-api,worker-image -DskipTests
./mvnw -B -q package -f local-runtime/pom.xml -DskipTests

classpath="local-runtime/target/test-classes:local-runtime/target/classes:$(cat local-runtime/target/test.classpath)"
log=local-runtime/target/lag-benchmark.log
echo "Kafka client warnings go to $log"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dorg.slf4j.simpleLogger.logFile="$log" \
  -cp "$classpath" dev.tributary.localruntime.benchmark.LagCollectionBenchmark "$@"
