# Starts and stops the service for the checkout benchmarks: its own JVM on PORT, on the benchmark's PostgreSQL schema,
# with the sign-up and token limits raised for the many benchmark consumers. Sourced after bench/common.sh.
PORT=${PORT:-18080}
SERVER_LOG=target/checkout-server.log

start_service() {
  local cp="service/target/classes:$(cat service/target/bench.classpath)"
  java -Xmx1g ${SERVER_JAVA_OPTS:-} -cp "$cp" cn.fangxin.FangxinApplication --server.port="$PORT" --logging.level.root=warn \
    --spring.main.banner-mode=off --fangxin.limits.accounts-per-hour-per-client=100000 \
    --fangxin.limits.token-per-minute-per-client=100000 >>"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:${PORT}/actuator/health" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  echo "the service did not start; see $SERVER_LOG" >&2
  return 1
}

stop_service() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}

server_rss_mb() {
  awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status"
}
