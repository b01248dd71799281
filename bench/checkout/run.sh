#!/usr/bin/env bash
# Checkout benchmark on PostgreSQL: the service runs in its own JVM; CLIENTS concurrent consumers place an order and pay
# it over HTTP for SECONDS; prints completed place + pay pairs per second, p50/p99 of each call and the server's
# memory; then pgbench's TPC-B runs with the same client count on the same server, and the ratio is printed.
# The load runs WARMUP seconds (default 120) before the measured window: 30-50 s into the load the JIT's C2 compiler
# still takes a quarter of the service's CPU, after two minutes a sixth, so a short warm-up measures the JVM's start.
# With floor as the third argument, each pair is two authenticated GET /api/v1/me (one row read by key each) instead
# of place + pay: the same HTTP, security and JSON stack, load generator and pgbench, to show what bounds any checkout.
# Usage: bench/checkout/run.sh [CLIENTS] [SECONDS] [checkout|floor]
cd "$(dirname "$0")/../.."
. bench/common.sh
. bench/checkout/service.sh
CLIENTS=${1:-16}
SECONDS_TO_RUN=${2:-20}
MODE=${3:-checkout}
case "$MODE" in
  checkout | floor) ;;
  *) echo "usage: bench/checkout/run.sh [CLIENTS] [SECONDS] [checkout|floor]" >&2; exit 2 ;;
esac

bench_build
bench_schema checkout
trap 'stop_service; bench_drop_schema' EXIT
: >"$SERVER_LOG"
echo "== Fangxin $MODE over HTTP: $CLIENTS clients, $SECONDS_TO_RUN s, schema $BENCH_SCHEMA"
start_service
java -Xmx512m -cp "$BENCH_CP" cn.fangxin.bench.CheckoutBenchmark --port "$PORT" --clients "$CLIENTS" \
  --seconds "$SECONDS_TO_RUN" --warmup "${WARMUP:-120}" --mode "$MODE" --result target/checkout-bench.result \
  --server-pid "$SERVER_PID" --postgres-pid "$(postmaster_pid)"
echo "server memory: RSS $(server_rss_mb) MB"
stop_service
read -r ours _ _ < target/checkout-bench.result

echo "== pgbench TPC-B: $CLIENTS clients, $SECONDS_TO_RUN s"
pgbench -i -q -s 10 >/dev/null 2>&1
pg=$(pgbench -c "$CLIENTS" -j 2 -T "$SECONDS_TO_RUN" 2>/dev/null | awk '/^tps = / {print $3; exit}')
pgbench -i -I d >/dev/null 2>&1 || true
echo "pgbench tps: $pg"
echo "ratio $MODE pairs/s : pgbench tps = $(awk -v a="$ours" -v b="$pg" 'BEGIN {printf "%.2f", a / b}')"
