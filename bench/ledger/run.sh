#!/usr/bin/env bash
# Ledger benchmark: CLIENTS concurrent clients post single transfers (70 % through the hot gateway clearing account)
# against PostgreSQL for SECONDS, then pgbench's TPC-B runs with the same client count on the same server, and the
# ratio is printed. Usage: bench/ledger/run.sh [CLIENTS] [SECONDS] [MODE: submit|execute]
cd "$(dirname "$0")/../.."
. bench/common.sh
CLIENTS=${1:-16}
SECONDS_TO_RUN=${2:-20}
MODE=${3:-submit}

bench_build
bench_schema ledger
trap bench_drop_schema EXIT
echo "== Fangxin ledger: $CLIENTS clients, $SECONDS_TO_RUN s, mode $MODE, schema $BENCH_SCHEMA"
java -Xmx2g -cp "$BENCH_CP" cn.fangxin.bench.LedgerBenchmark --clients "$CLIENTS" --seconds "$SECONDS_TO_RUN" \
  --mode "$MODE" --result target/ledger-bench.result
ours=$(cat target/ledger-bench.result)

echo "== pgbench TPC-B: $CLIENTS clients, $SECONDS_TO_RUN s"
pgbench -i -q -s 10 >/dev/null 2>&1
pg=$(pgbench -c "$CLIENTS" -j 2 -T "$SECONDS_TO_RUN" 2>/dev/null | awk '/^tps = / {print $3; exit}')
pgbench -i -I d >/dev/null 2>&1 || true
echo "pgbench tps: $pg"
echo "ratio ledger transfers/s : pgbench tps = $(awk -v a="$ours" -v b="$pg" 'BEGIN {printf "%.2f", a / b}')"
