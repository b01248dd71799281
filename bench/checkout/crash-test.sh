#!/usr/bin/env bash
# Crash safety of checkout: the checkout load runs against the service (own JVM, PostgreSQL) with an acknowledgement
# log — each order acknowledged 201 is logged PLACED, each payment acknowledged 200 PAID — and the service is killed
# with SIGKILL in the middle of it. Then the service restarts on the same schema, and the script checks that every
# acknowledged order is there, every acknowledged payment is booked exactly once into the order's escrow and the order
# is PAID, the ledger's own verification (GET /api/v1/admin/ledger/verify) and the evidence audit are ok, and every
# order's snapshot has its leaf and its content committed in the database.
# Usage: bench/checkout/crash-test.sh [CLIENTS] [SECONDS_BEFORE_KILL]
cd "$(dirname "$0")/../.."
. bench/common.sh
. bench/checkout/service.sh
CLIENTS=${1:-16}
KILL_AFTER=${2:-25}

bench_build
bench_schema checkout_crash
trap 'stop_service; bench_drop_schema' EXIT
: >"$SERVER_LOG"
ACKS=target/checkout-acks.log
rm -f "$ACKS"
start_service
echo "== checkout load with acknowledgement log; the service is killed with SIGKILL after ${KILL_AFTER} s"
java -Xmx512m -cp "$BENCH_CP" cn.fangxin.bench.CheckoutBenchmark --port "$PORT" --clients "$CLIENTS" --seconds 600 \
  --warmup 0 --ack-log "$ACKS" > target/checkout-crash-load.log 2>&1 &
LOAD=$!
sleep "$KILL_AFTER"
kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
wait "$LOAD" 2>/dev/null || true
placed=$(grep -c '^PLACED ' "$ACKS" || true)
paid=$(grep -c '^PAID ' "$ACKS" || true)
echo "killed the service (pid $SERVER_PID); acknowledged: $placed orders placed, $paid paid"

echo "== restart on the same schema and check"
start_service
psql -qAt <<SQL
set search_path to ${BENCH_SCHEMA};
create temp table acked (kind text, id text);
\copy acked from '${ACKS}' with (format text, delimiter ' ')
select 'acknowledged orders missing: ' || count(*) from acked a where kind = 'PLACED' and not exists (select 1 from orders o where o.id = a.id);
select 'acknowledged payments not PAID: ' || count(*) from acked a join orders o on o.id = a.id where a.kind = 'PAID' and o.status <> 'PAID';
select 'acknowledged payments not booked exactly once: ' || count(*) from acked a where a.kind = 'PAID'
  and (select count(*) from ledger_transfer t where t.credit_account_id = 'escrow:' || a.id and t.code = 'PAYMENT') <> 1;
select 'orders paid twice: ' || count(*) from (select credit_account_id from ledger_transfer where code = 'PAYMENT'
  and credit_account_id like 'escrow:%' group by credit_account_id having count(*) > 1) t;
select 'orders in the database: ' || count(*) || ' (' || count(*) filter (where status = 'PAID') || ' paid)' from orders;
SQL
token=$(curl -fs -H 'Content-Type: application/json' -d '{"username":"admin","password":"fangxin-demo"}' \
  "http://127.0.0.1:${PORT}/api/v1/auth/token" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
echo "ledger verify: $(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:${PORT}/api/v1/admin/ledger/verify" | cut -c1-200)"
# records committed but not yet numbered when the service died are numbered by the restarted signer's sweep, and the
# leaves are integrated; then the whole log is audited
for _ in $(seq 1 20); do
  audit=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:${PORT}/api/v1/admin/evidence/audit" | cut -c1-200)
  case "$audit" in *'"ok":true'*) break ;; esac
  sleep 1
done
echo "evidence audit: $audit"
psql -qAt <<SQL
set search_path to ${BENCH_SCHEMA};
select 'order snapshots without a leaf: ' || count(*) from orders o join evidence e on e.id = o.snapshot_evidence_id
  where e.leaf_index is null;
select 'order snapshots whose content did not commit with them: ' || count(*) from orders o
  left join evidence_content c on c.evidence_id = o.snapshot_evidence_id where c.evidence_id is null;
SQL
