# Shared by the benchmarks: JDK, PostgreSQL connection, build and classpath. Sourced from the repository root.
set -euo pipefail
. .ci/jdk.sh
export JAVA_HOME
JAVA_HOME=$(find_jdk)
export PATH="$JAVA_HOME/bin:$PATH"

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGDATABASE=${PGDATABASE:-test}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGDATABASE PGUSER

bench_build() {
  # One session, so that the verifier module resolves from the reactor (no install needed).
  ./mvnw -q -B -ntp -pl service -am test-compile dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >/dev/null
  BENCH_CP="service/target/test-classes:service/target/classes:$(cat service/target/bench.classpath)"
  export BENCH_CP
}

# Points the service at a fresh schema of its own in $PGDATABASE.
bench_schema() {
  BENCH_SCHEMA="bench_$1_$(date +%s)"
  export SPRING_DATASOURCE_URL="jdbc:postgresql://${PGHOST}:${PGPORT}/${PGDATABASE}?currentSchema=${BENCH_SCHEMA}&reWriteBatchedInserts=true"
  export SPRING_DATASOURCE_USERNAME="$PGUSER" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
  export SPRING_FLYWAY_DEFAULT_SCHEMA="$BENCH_SCHEMA" SPRING_FLYWAY_SCHEMAS="$BENCH_SCHEMA"
  export FANGXIN_DATA_DIR="target/bench-data"
}

bench_drop_schema() {
  psql -qc "drop schema if exists ${BENCH_SCHEMA} cascade" >/dev/null 2>&1 || true
}

# The pid of PostgreSQL's postmaster when it runs on this machine (its backends are its children), else -1.
postmaster_pid() {
  local checkpointer ppid
  checkpointer=$(psql -qAtc "select pid from pg_stat_activity where backend_type = 'checkpointer'" 2>/dev/null || true)
  ppid=$(awk '{print $4}' "/proc/${checkpointer:-0}/stat" 2>/dev/null || true)
  if [ -n "$ppid" ] && tr '\0' ' ' <"/proc/$ppid/cmdline" 2>/dev/null | grep -q postgres; then
    echo "$ppid"
  else
    echo -1
  fi
}
