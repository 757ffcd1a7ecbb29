#!/usr/bin/env bash
# Measures the pipeline validator on the largest pipeline it accepts, with cold and warm caches,
# and on the shapes its limits refuse (docs/benchmarks.md, "Validation").
#   benchmarks/run-validation-benchmark.sh        each figure over 10 s of validations
#   benchmarks/run-validation-benchmark.sh 30     each figure over 30 s
# MAVEN_ARGS (read by Maven itself) adds build options, e.g. -o to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_HOME=$(./tributary java-home)
export JAVA_HOME

# Tests are compiled but not run: modules depend on one another's test jars, which a build that
# skips test compilation does not make (on a machine whose Maven repository lacks them it fails).
./mvnw -B -q package -pl benchmarks -am -DskipTests

classpath="benchmarks/target/classes:$(cat benchmarks/target/runtime.classpath)"
exec "$JAVA_HOME/bin/java" -Xms1g -Xmx1g -cp "$classpath" \
  dev.tributary.benchmarks.validation.ValidationBenchmark "$@"
