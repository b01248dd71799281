#!/usr/bin/env bash
# Evidence log benchmark on PostgreSQL: fills the log to PREFILL leaves, then CLIENTS concurrent submitters append
# records for SECONDS; prints acknowledged appends per second, append-to-signed-checkpoint lag, and inclusion-proof
# latency at the final size. Usage: bench/evidence/run.sh [CLIENTS] [SECONDS] [PREFILL]
cd "$(dirname "$0")/../.."
. bench/common.sh
CLIENTS=${1:-256}
SECONDS_TO_RUN=${2:-20}
PREFILL=${3:-1000000}

bench_build
bench_schema evidence
trap 'bench_drop_schema; rm -rf target/bench-data/blobs' EXIT
echo "== Fangxin evidence log: prefill $PREFILL, $CLIENTS clients, $SECONDS_TO_RUN s, schema $BENCH_SCHEMA"
java -Xmx3g ${BENCH_JAVA_OPTS:-} -cp "$BENCH_CP" cn.fangxin.bench.EvidenceBenchmark --clients "$CLIENTS" --seconds "$SECONDS_TO_RUN" \
  --prefill "$PREFILL"
