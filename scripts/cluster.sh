#!/usr/bin/env bash
# Jiesu as a city would run it, on this machine's loopback (issue 23), from Debian's packages:
#   - etcd (one member here; three on three hosts in a city), where Patroni keeps who leads;
#   - two PostgreSQL 15 nodes under Patroni: a primary and a synchronous standby, promoted
#     when the primary dies (deploy/patroni.yml);
#   - three Jiesu servers (stateless; photos in one shared folder);
#   - HAProxy (deploy/haproxy.cfg): HTTPS on https://127.0.0.1:8443 with a self-signed
#     certificate, the servers checked on /readyz; and 127.0.0.1:5440, which always leads to
#     the primary (Patroni's /primary) and is the servers' DATABASE_URL.
#
#   scripts/cluster.sh up       install what is missing, build if needed, start everything
#   scripts/cluster.sh status   what runs, who is primary, what HAProxy sees
#   scripts/cluster.sh down     stop everything (the data stays for the next up)
#   scripts/cluster.sh wipe     down, then delete the data
#
# Everything lives in JIESU_CLUSTER_DIR (default .cluster/). Run as root, PostgreSQL and
# Patroni run as the postgres user (PostgreSQL refuses root). The demo accounts are loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/lib.sh
source scripts/cluster-lib.sh

case "${1:-}" in
  up) cluster_up ;;
  status) cluster_status ;;
  down) cluster_down ;;
  wipe)
    cluster_down
    # Only a folder this script made (it holds the cluster's secrets).
    [ -f "$DIR/secrets.env" ] || { echo "$DIR is not a cluster folder: left alone" >&2; exit 1; }
    rm -rf "$DIR"
    log "deleted $DIR" ;;
  *) echo "usage: scripts/cluster.sh up|status|down|wipe" >&2; exit 2 ;;
esac
