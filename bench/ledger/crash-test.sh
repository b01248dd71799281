#!/usr/bin/env bash
# Durability under kill -9: runs the ledger benchmark with an acknowledgement log (each transfer id is written to the
# log after the ledger acknowledged it), kills the JVM with SIGKILL in the middle of the run, restarts the service on
# the same PostgreSQL schema and checks that verify is ok and every acknowledged transfer is present.
# Usage: bench/ledger/crash-test.sh [CLIENTS] [SECONDS_BEFORE_KILL]
cd "$(dirname "$0")/../.."
. bench/common.sh
CLIENTS=${1:-16}
KILL_AFTER=${2:-12}

bench_build
bench_schema crash
trap bench_drop_schema EXIT
ACKS=target/ledger-acks.log
rm -f "$ACKS"
echo "== benchmark with acknowledgement log, killed with SIGKILL after ${KILL_AFTER} s (schema $BENCH_SCHEMA)"
java -Xmx2g -cp "$BENCH_CP" cn.fangxin.bench.LedgerBenchmark --clients "$CLIENTS" --seconds 600 \
  --ack-log "$ACKS" --result target/ledger-crash.result > target/ledger-crash.log 2>&1 &
PID=$!
sleep "$KILL_AFTER"
kill -9 "$PID"
wait "$PID" 2>/dev/null || true
echo "killed pid $PID; $(wc -l < "$ACKS") acknowledged transfers in the log"
echo "== restart and check"
java -Xmx1g -cp "$BENCH_CP" cn.fangxin.bench.LedgerCrashCheck --ack-log "$ACKS"
