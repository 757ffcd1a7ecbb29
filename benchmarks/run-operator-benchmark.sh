#!/usr/bin/env bash
# Measures the Kubernetes operator reconciling many pipelines at once against fabric8's mock
# server, their topics on a real broker (docs/benchmarks.md, "Operator").
#   benchmarks/run-operator-benchmark.sh                 1,000 pipelines in 50 namespaces
#   benchmarks/run-operator-benchmark.sh 200 10          200 pipelines in 10 namespaces
#   benchmarks/run-operator-benchmark.sh 1000 50 600     … giving up after 600 s (default 300)
# MAVEN_ARGS (read by Maven itself) adds build options, e.g. -o to build offline.
# HEAP sets the JVM's maximum heap (default 256m: the operator's target, with the mock server in
# the same JVM).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_HOME=$(./tributary java-home)
export JAVA_HOME

# Tests are compiled but not run: modules depend on one another's test jars, which a build that
# skips test compilation does not make (on a machine whose Maven repository lacks them it fails).
./mvnw -B -q package -pl benchmarks -am -DskipTests

classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx"${HEAP:-256m}" -XX:+UseSerialGC \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$classpath" dev.tributary.benchmarks.operator.OperatorBenchmark "$@"
