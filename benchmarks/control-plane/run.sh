#!/usr/bin/env bash
# Latency of the control plane's create and list calls with 100 teams × 100 pipelines stored.
# Starts a real PostgreSQL (zonky) and a real Keycloak (the repository's realm) like the tests,
# seeds the catalog, and prints p50/p99 per call next to the baselines (empty catalog; GET /me).
#   benchmarks/control-plane/run.sh [samples per row, default 1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA_HOME=$(./tributary java-home)
export JAVA_HOME
samples=${1:-1000}
./mvnw -B -q install -DskipTests -pl control-plane -am
./mvnw -B test -pl control-plane -Dtest=CatalogLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtributary.benchmark=true -Dtributary.benchmark.samples="$samples" \
  | sed -n '/^Control plane latency/,/^$/p'
