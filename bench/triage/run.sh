#!/usr/bin/env bash
# Triage benchmark: in a fresh JVM pinned to one core, the time to load the model (Lucene analyzers and the model
# the build trained) and then complaint texts classified per second by one thread. Targets (issue 9): >= 5,000 texts/s,
# load < 1 s. Usage: bench/triage/run.sh [SECONDS]
cd "$(dirname "$0")/../.."
. bench/common.sh
SECONDS_TO_RUN=${1:-10}
bench_build
CPU=${BENCH_CPU:-0}
echo "== Fangxin triage: one core (cpu $CPU), $SECONDS_TO_RUN s"
taskset -c "$CPU" java -XX:ActiveProcessorCount=1 ${BENCH_JAVA_OPTS:-} -cp "$BENCH_CP" cn.fangxin.bench.TriageBenchmark \
  --seconds "$SECONDS_TO_RUN"
