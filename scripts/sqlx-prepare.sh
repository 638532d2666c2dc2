#!/usr/bin/env bash
# Refreshes db/.sqlx: the query metadata that lets `sqlx::query!` compile without a database
# (builds read it because .cargo/config.toml sets SQLX_OFFLINE=true). Run it after changing a
# query or a migration, and commit db/.sqlx. Uses DATABASE_URL (a server where it may create
# the database jiesu_sqlx_prepare), else the private cluster of a server built before.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

base=${DATABASE_URL:-$(target/release/server pg start | sed -n 1p)}
url=$(database_url_for "$base" jiesu_sqlx_prepare)
psql "$base" -qX -v ON_ERROR_STOP=1 -c "drop database if exists jiesu_sqlx_prepare with (force)" \
  -c "create database jiesu_sqlx_prepare"
for migration in db/migrations/*.sql; do
  psql "$url" -qX -v ON_ERROR_STOP=1 -1 -f "$migration"
done
rm -rf db/.sqlx && mkdir -p db/.sqlx
touch db/src/*.rs
SQLX_OFFLINE=false SQLX_OFFLINE_DIR="$PWD/db/.sqlx" DATABASE_URL="$url" cargo check -p db
echo "db/.sqlx: $(ls db/.sqlx | wc -l) queries"
