# What the benchmark scripts share (sourced after scripts/lib.sh, from the checkout's root):
# fresh databases, the pgbench baselines, a release server, the bench residents, page
# throughput under wrk and where the CPU went.

PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)
TICKS=$(getconf CLK_TCK)

# Drops and creates databases $@ on DATABASE_URL's server.
fresh_databases() {
  local db
  for db in "$@"; do
    psql "$DATABASE_URL" -qX -v ON_ERROR_STOP=1 -c "drop database if exists $db with (force)" -c "create database $db"
  done
}

# pgbench's select-only (32 clients) and TPC-B-like (16 clients) throughput on a fresh scale-10
# database at $1, $2 seconds each: sets PG_SELECT and PG_TPCB (transactions per second).
pgbench_baselines() {
  "$PGBENCH" -q -i -s 10 "$1" >/dev/null 2>&1
  PG_SELECT=$("$PGBENCH" -M prepared -S -c 32 -j 2 -T "$2" "$1" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  PG_TPCB=$("$PGBENCH" -M prepared -c 16 -j 2 -T "$2" "$1" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  echo "pgbench -S (32 clients): $PG_SELECT tps; TPC-B (16 clients): $PG_TPCB tps"
}

# Starts the release server on port $1 with database $2 (demo data, texts kept, no deadline
# worker, limits out of a benchmark's way; more settings as NAME=value after), and waits until
# it is ready: sets SERVER (its pid) and stops it when the script ends.
start_server() {
  local port=$1 url=$2
  shift 2
  env DATABASE_URL="$url" JIESU_DEMO_DATA=true JIESU_SMS_DEV=true LEPTOS_SITE_ADDR=127.0.0.1:$port \
    LEPTOS_SITE_ROOT=target/site JIESU_UPLOAD_DIR="$(mktemp -d)" JIESU_DB_MAX_CONNECTIONS=20 \
    RUST_LOG=warn,sqlx=error JIESU_WORKER_INTERVAL_SECS=0 JIESU_FILINGS_PER_HOUR=100000000 \
    JIESU_SIGN_IN_MAX_FAILURES=1000000 JIESU_SIGN_IN_MAX_FAILURES_PER_CLIENT=1000000 "$@" target/release/server &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && return 0; sleep 0.5; done
  echo "the server did not start" >&2
  exit 1
}

# 16 bench residents (13700000000…15) with the demo resident's password (jiesu-resident), in
# the database at $1.
add_bench_residents() {
  psql "$1" -qX -v ON_ERROR_STOP=1 -c "
    insert into users (phone, password_hash, display_name, role, home_community_id)
    select (13700000000 + g)::text, u.password_hash, '压测居民' || g, 'resident', u.home_community_id
    from generate_series(0, 15) g, users u where u.phone = '13800000001'"
}

# CPU ticks used so far by process $1, and by every process named postgres.
ticks_of() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
postgres_ticks() {
  local total=0 pid
  for pid in $(pgrep -x postgres); do total=$(( total + $(ticks_of "$pid" 2>/dev/null || echo 0) )); done
  echo "$total"
}
# Transactions committed in the database at $1 (an idle backend reports its statistics within
# 10 s: waits for them).
transactions() { sleep 11; psql "$1" -qXAt -c "select xact_commit from pg_stat_database where datname = current_database()"; }

# wrk (2 threads, 32 connections, $DURATION s) against http://127.0.0.1:$1$2 of the server
# $SERVER on the database at $3: prints requests per second, p99 in ms, CPU ms per view of the
# server and of Postgres, and Postgres transactions per view (each statement outside BEGIN
# being one), then wrk's complaints if any.
wrk_page() {
  local port=$1 page=$2 url=$3 out tx0 tx1 server0 server1 pg0 pg1 rps p99 views errors
  curl -fs -o /dev/null "http://127.0.0.1:$port$page" # warm, and fail loudly on an error
  tx0=$(transactions "$url"); server0=$(ticks_of "$SERVER"); pg0=$(postgres_ticks)
  out=$(wrk -t2 -c32 -d"${DURATION:-15}s" --latency "http://127.0.0.1:$port$page")
  server1=$(ticks_of "$SERVER"); pg1=$(postgres_ticks); tx1=$(transactions "$url")
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
  views=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
        else if (v ~ /ms$/) sub(/ms$/, "", v); else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
        print v }' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr -s ' ' || true)
  echo "$rps $p99 $(echo "($server1 - $server0) * 1000 / $TICKS / $views" | bc -l) \
$(echo "($pg1 - $pg0) * 1000 / $TICKS / $views" | bc -l) $(echo "($tx1 - $tx0 - 1) / $views" | bc -l) $errors"
}

# The server's resident memory in MB.
server_rss_mb() { echo $(( $(awk '/VmRSS/ { print $2 }' "/proc/$SERVER/status") / 1024 )); }
