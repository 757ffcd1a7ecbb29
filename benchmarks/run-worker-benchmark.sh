#!/usr/bin/env bash
# Runs the worker benchmark (docs/benchmarks.md): builds the modules it needs, then measures the
# raw loop, a hand-written Kafka Streams app and the Tributary worker against a local broker.
#   benchmarks/run-worker-benchmark.sh            the full run (about 70 minutes)
#   benchmarks/run-worker-benchmark.sh --quick    a smoke run (about five minutes)
#   benchmarks/run-worker-benchmark.sh --help     every option
#   benchmarks/run-worker-benchmark.sh profile F  where the stream threads of a flight recording
#                                                 F spent their CPU (docs/benchmarks.md)
# BENCHMARK_JAVA_OPTS adds JVM options, e.g. a flight recording; MAVEN_ARGS (read by Maven itself)
# adds build options, e.g. -o to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_HOME=$(./tributary java-home)
export JAVA_HOME

# Tests are compiled but not run: modules depend on one another's test jars, which a build that
# skips test compilation does not make (on a machine whose Maven repository lacks them it fails).
./mvnw -B -q package -pl benchmarks -am -DskipTests

classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime.classpath)"
if [ "${1:-}" = profile ]; then
  shift
  exec "$JAVA_HOME/bin/java" -cp "$classpath" dev.tributary.benchmarks.profile.StreamThreadProfile "$@"
fi
log=benchmarks/target/worker-benchmark.log
echo "Kafka client and Streams warnings go to $log"
# shellcheck disable=SC2086 # BENCHMARK_JAVA_OPTS is a list of options
exec "$JAVA_HOME/bin/java" -Xms1g -Xmx5g -Dorg.slf4j.simpleLogger.logFile="$log" \
  ${BENCHMARK_JAVA_OPTS:-} -cp "$classpath" dev.tributary.benchmarks.WorkerBenchmark "$@"
