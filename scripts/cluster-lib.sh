# The loopback cluster's layout, and how its parts start and stop (sourced by scripts/cluster.sh
# and the fault script, after scripts/lib.sh, from the checkout's root).

DIR=$(realpath -m "${JIESU_CLUSTER_DIR:-$ROOT/.cluster}")
PUBLIC=https://127.0.0.1:8443
DB_ADDR=127.0.0.1:5440
# Not etcd's usual 2379: Debian's own etcd service may hold that one.
ETCD=127.0.0.1:2389
STATS=http://127.0.0.1:8404
SERVER_PORTS=(3301 3302 3303)
PG_PORTS=(5441 5442)
PATRONI_PORTS=(8441 8442)
PG_BIN=/usr/lib/postgresql/15/bin

# PostgreSQL and Patroni run as the postgres user when this runs as root (setpriv executes
# the program itself: the pid recorded is Patroni's, and no parent keeps its arguments).
AS_POSTGRES=()
[ "$(id -u)" -eq 0 ] && AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups env HOME=/var/lib/postgresql)

# Starts "$@" detached, its output in $DIR/log/$1.log and its pid in $DIR/run/$1.pid (with the
# program's name, so that a pid reused after a reboot is not taken for it).
start_part() {
  local name=$1
  shift
  nohup setsid "$@" >>"$DIR/log/$name.log" 2>&1 </dev/null &
  echo "$! ${PROGRAM:-$1}" >"$DIR/run/$name.pid"
}

# The pid of part $1 if it runs.
pid_of() {
  local pid program
  read -r pid program <"$DIR/run/$1.pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$program" && echo "$pid"
}

# Sends signal $2 (default TERM) to part $1 and waits up to 30 s for it to end, then kills it.
stop_part() {
  local pid
  pid=$(pid_of "$1") || { rm -f "$DIR/run/$1.pid"; return 0; }
  kill "-${2:-TERM}" "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$1 (pid $pid) did not stop within 30 s: killed" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$DIR/run/$1.pid"
}

# Stops the PostgreSQL of node $1 if it outlived its Patroni (killed, say).
stop_orphan_postgres() {
  local data=$DIR/pg/pg$1
  [ -f "$data/postmaster.pid" ] || return 0
  "${AS_POSTGRES[@]}" "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# Waits up to $1 seconds for "${@:2}" to succeed.
wait_for() {
  local seconds=$1
  shift
  for _ in $(seq 1 $(( seconds * 4 ))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  return 1
}

# The passwords of this cluster (made on the first up, kept in $DIR/secrets.env, mode 600).
load_secrets() {
  if [ ! -f "$DIR/secrets.env" ]; then
    (umask 077
     for name in PATRONI_SUPERUSER_PASSWORD PATRONI_REPLICATION_PASSWORD PATRONI_REWIND_PASSWORD JIESU_DB_PASSWORD; do
       echo "$name=$(openssl rand -hex 24)"
     done >"$DIR/secrets.env")
  fi
  # Not exported: each part gets only its own (in its environment, never its arguments).
  source "$DIR/secrets.env"
}

# The database URL the servers use (through HAProxy, to the primary).
app_database_url() { echo "postgres://jiesu:$JIESU_DB_PASSWORD@$DB_ADDR/jiesu"; }
# psql "$@" as the superuser, through HAProxy (the password in the environment).
admin_psql() { PGPASSWORD=$PATRONI_SUPERUSER_PASSWORD psql "postgres://postgres@$DB_ADDR/${DB:-postgres}" "$@"; }

# Starts Patroni node $1 (1 or 2).
start_pg_node() {
  local i=$1 port=${PG_PORTS[$(( $1 - 1 ))]} api=${PATRONI_PORTS[$(( $1 - 1 ))]}
  (
    export PATRONI_SUPERUSER_PASSWORD PATRONI_REPLICATION_PASSWORD PATRONI_REWIND_PASSWORD
    export PATRONI_NAME="pg$i" \
      PATRONI_RESTAPI_LISTEN="127.0.0.1:$api" PATRONI_RESTAPI_CONNECT_ADDRESS="127.0.0.1:$api" \
      PATRONI_POSTGRESQL_LISTEN="127.0.0.1:$port" PATRONI_POSTGRESQL_CONNECT_ADDRESS="127.0.0.1:$port" \
      PATRONI_POSTGRESQL_DATA_DIR="$DIR/pg/pg$i" PATRONI_POSTGRESQL_PGPASS="$DIR/pg/pgpass$i" \
      PATRONI_ETCD3_HOSTS="$ETCD" JIESU_WAL_ARCHIVE="$DIR/pg/archive"
    PROGRAM=patroni start_part "pg$i" "${AS_POSTGRES[@]}" patroni "$DIR/pg/patroni.yml"
  )
}

# Starts Jiesu server $1 (1 to 3) behind HAProxy.
start_server_part() {
  local i=$1
  PROGRAM=target/release/server start_part "server$i" env DATABASE_URL="$(app_database_url)" \
    LEPTOS_SITE_ADDR="127.0.0.1:${SERVER_PORTS[$(( i - 1 ))]}" LEPTOS_SITE_ROOT=target/site \
    JIESU_DATA_DIR="$DIR/server$i" JIESU_UPLOAD_DIR="$DIR/uploads" \
    JIESU_SECURE_COOKIES=true JIESU_TRUSTED_PROXIES=127.0.0.1 \
    JIESU_DEMO_DATA=true JIESU_SMS_DEV=true RUST_LOG="${RUST_LOG:-info}" \
    target/release/server
}

server_ready() { curl -fs "http://127.0.0.1:${SERVER_PORTS[$(( $1 - 1 ))]}/readyz"; }
# The name of the first node whose Patroni answers 200 to GET $1 (pg1 or pg2), if any.
node_answering() {
  local i
  for i in 1 2; do
    curl -fs -o /dev/null "http://127.0.0.1:${PATRONI_PORTS[$(( i - 1 ))]}$1" && { echo "pg$i"; return 0; }
  done
  return 1
}
# The node Patroni says leads, and whether a synchronous standby follows it.
primary() { node_answering /primary; }
sync_standby_ready() { node_answering /sync >/dev/null; }

# Whether HAProxy's database address has the primary, and only it, in.
haproxy_leads_to_primary() {
  local lead up
  lead=$(primary) || return 1
  up=$(curl -fs "$STATS/;csv" | awk -F, '$1 == "postgres" && $2 ~ /^pg/ && $18 == "UP" { print $2 }')
  [ "$up" = "$lead" ]
}

haproxy_has_every_server() {
  [ "$(curl -fs "$STATS/;csv" | awk -F, '$1 == "jiesu" && $2 ~ /^jiesu/ && $18 == "UP"' | wc -l)" = 3 ]
}

start_haproxy() {
  PROGRAM=haproxy start_part haproxy env JIESU_PUBLIC_ADDR=127.0.0.1:8443 JIESU_REDIRECT_ADDR=127.0.0.1:8080 \
    JIESU_PUBLIC_ORIGIN="$PUBLIC" \
    JIESU_TLS_PEM="$DIR/tls/jiesu.pem" JIESU_DB_ADDR="$DB_ADDR" JIESU_STATS_ADDR=127.0.0.1:8404 \
    JIESU_SERVER_1="127.0.0.1:${SERVER_PORTS[0]}" JIESU_SERVER_2="127.0.0.1:${SERVER_PORTS[1]}" \
    JIESU_SERVER_3="127.0.0.1:${SERVER_PORTS[2]}" \
    JIESU_PG_1="127.0.0.1:${PG_PORTS[0]}" JIESU_PG_2="127.0.0.1:${PG_PORTS[1]}" \
    JIESU_PATRONI_1="${PATRONI_PORTS[0]}" JIESU_PATRONI_2="${PATRONI_PORTS[1]}" \
    JIESU_RUN_DIR="$DIR/run" \
    haproxy -db -f deploy/haproxy.cfg
}

cluster_up() {
  apt_install etcd-server patroni python3-etcd haproxy openssl curl postgresql-15 postgresql-client
  # Incremental: quick when the build is current, and never a stale one served.
  scripts/dev.sh build
  mkdir -p "$DIR"/{log,run,tls,uploads} "$DIR/pg/archive"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$DIR/pg"
  if ! "${AS_POSTGRES[@]}" test -w "$DIR/pg"; then
    echo "the postgres user cannot write $DIR/pg: set JIESU_CLUSTER_DIR to a folder it can reach" >&2
    exit 1
  fi
  load_secrets

  if [ ! -f "$DIR/tls/jiesu.pem" ]; then
    log "a self-signed certificate for 127.0.0.1 and localhost"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
      -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" 2>/dev/null
    (umask 077; cat "$DIR/tls/cert.pem" "$DIR/tls/key.pem" >"$DIR/tls/jiesu.pem")
  fi

  if ! pid_of etcd >/dev/null; then
    log "etcd on $ETCD"
    if curl -fs -o /dev/null "http://$ETCD/health"; then
      echo "something else answers on $ETCD: stop it, the cluster's etcd needs that port" >&2
      exit 1
    fi
    PROGRAM=etcd start_part etcd etcd --name jiesu1 --data-dir "$DIR/etcd" \
      --listen-client-urls "http://$ETCD" --advertise-client-urls "http://$ETCD" \
      --listen-peer-urls http://127.0.0.1:2390 --initial-advertise-peer-urls http://127.0.0.1:2390 \
      --initial-cluster jiesu1=http://127.0.0.1:2390 --initial-cluster-state new
    wait_for 30 curl -fs "http://$ETCD/health" || { echo "etcd did not start: $DIR/log/etcd.log" >&2; exit 1; }
  fi

  cp deploy/patroni.yml "$DIR/pg/patroni.yml"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR/pg/patroni.yml"
  local i
  for i in 1 2; do
    pid_of "pg$i" >/dev/null && continue
    log "PostgreSQL node pg$i (Patroni) on 127.0.0.1:${PG_PORTS[$(( i - 1 ))]}"
    stop_orphan_postgres "$i"
    start_pg_node "$i"
    # The first time, the first node makes the cluster and the second clones it; after that,
    # either may lead (the one that was primary or synchronous last): both start, then wait.
    [ "$i" = 1 ] && [ ! -d "$DIR/pg/pg2" ] && sleep 5
  done
  wait_for 90 primary || { echo "no primary: $DIR/log/pg1.log, $DIR/log/pg2.log" >&2; exit 1; }
  log "waiting for the synchronous standby"
  wait_for 120 sync_standby_ready || { echo "no synchronous standby: $DIR/log/pg2.log" >&2; exit 1; }

  if ! pid_of haproxy >/dev/null; then
    log "HAProxy: $PUBLIC, the database at $DB_ADDR"
    start_haproxy
  fi
  # HAProxy starts with every node in; the standby is out after its first two checks.
  wait_for 30 haproxy_leads_to_primary ||
    { echo "the database is not reachable through HAProxy: $DIR/log/haproxy.log" >&2; exit 1; }
  # The password in the script on standard input, never in an argument.
  admin_psql -qX -v ON_ERROR_STOP=1 <<SQL
select not exists (select from pg_roles where rolname = 'jiesu') as missing \gset
\if :missing
  create role jiesu login password '$JIESU_DB_PASSWORD';
\endif
select not exists (select from pg_database where datname = 'jiesu') as missing \gset
\if :missing
  create database jiesu owner jiesu;
\endif
SQL

  for i in 1 2 3; do
    pid_of "server$i" >/dev/null && continue
    log "Jiesu server $i on 127.0.0.1:${SERVER_PORTS[$(( i - 1 ))]}"
    start_server_part "$i"
    # The first one migrates and loads the demo data alone; then the others.
    wait_for 120 server_ready "$i" || { echo "server $i is not ready: $DIR/log/server$i.log" >&2; exit 1; }
  done
  wait_for 30 haproxy_has_every_server || { echo "HAProxy does not reach every server" >&2; exit 1; }
  log "up: $PUBLIC (self-signed: $DIR/tls/cert.pem)"
  cluster_status
}

cluster_status() {
  local part pid
  printf '%-10s %s\n' part state
  for part in etcd pg1 pg2 haproxy server1 server2 server3; do
    if pid=$(pid_of "$part"); then printf '%-10s running (pid %s)\n' "$part" "$pid"
    else printf '%-10s stopped\n' "$part"; fi
  done
  printf '\nPatroni (etcd at %s):\n' "$ETCD"
  { curl -fs "http://127.0.0.1:${PATRONI_PORTS[0]}/cluster" 2>/dev/null ||
    curl -fs "http://127.0.0.1:${PATRONI_PORTS[1]}/cluster" 2>/dev/null; } |
    node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      for (const m of JSON.parse(s).members) console.log(`  ${m.name} ${m.role} ${m.state} ${m.host}:${m.port} lag ${m.lag ?? 0}`);
    })' || echo "  no node answers"
  printf '\nHAProxy (%s):\n' "$STATS"
  curl -fs "$STATS/;csv" 2>/dev/null | awk -F, '$1 ~ /^(jiesu|postgres)$/ && $2 !~ /^(FRONTEND|BACKEND)$/ { printf "  %-9s %-8s %s\n", $1, $2, $18 }' ||
    echo "  not running"
}

cluster_down() {
  local part
  for part in server3 server2 server1 haproxy pg2 pg1 etcd; do
    pid_of "$part" >/dev/null || continue
    log "stopping $part"
    stop_part "$part"
  done
  stop_orphan_postgres 1
  stop_orphan_postgres 2
}
