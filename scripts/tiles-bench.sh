#!/usr/bin/env bash
# Community tiles z8–14: Community Atlas against PostGIS ST_AsMVT on the same
# data (the PostgreSQL store's tables), on loopback. Cold: one pass over every
# tile, 16 in flight, from a freshly started server. Warm: wrk, 16
# connections. Needs PostgreSQL with PostGIS (ATLAS_BENCH_DATABASE_URL, default
# a database atlas_bench on the local server) and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${ATLAS_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/atlas_bench?sslmode=disable}
dur=${WRK_DURATION:-20s}
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

if [ -z "${ATLAS_BENCH_DATABASE_URL:-}" ]; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc 'drop database if exists atlas_bench' -qc 'create database atlas_bench'
  psql -h 127.0.0.1 -U postgres -d atlas_bench -qc 'create extension postgis'
fi
go build -o "$work/atlas" ./server/cmd/atlas
go build -o "$work/pgtiles" ./scripts/pgtiles
ATLAS_DATABASE_URL=$db "$work/atlas" seed -log-level warn >/dev/null
"$work/pgtiles" -list community -minzoom 8 -maxzoom 14 >"$work/paths"
echo "community tiles z8–14: $(wc -l <"$work/paths")"

start_atlas() {
  # Public read: tile servers compared here take no credentials either.
  ATLAS_PUBLIC_READ=true ATLAS_DATABASE_URL=$db "$work/atlas" -addr 127.0.0.1:18381 -log-level warn & pids+=($!)
  until curl -fs http://127.0.0.1:18381/readyz >/dev/null; do sleep 0.05; done
}
"$work/pgtiles" -database-url "$db" -addr 127.0.0.1:18390 & pids+=($!)
until curl -s -o /dev/null http://127.0.0.1:18390/tiles/community/8/213/105.mvt; do sleep 0.05; done
start_atlas

echo "== cold (one pass, 16 in flight)"
echo -n "atlas:   "; "$work/pgtiles" -pass http://127.0.0.1:18381 -c 16 <"$work/paths"
echo -n "postgis: "; "$work/pgtiles" -pass http://127.0.0.1:18390 -c 16 <"$work/paths"
echo "== warm (wrk, 16 connections, $dur)"
for port in 18381 18390; do
  echo "port $port"
  wrk -t2 -c16 -d"$dur" --latency -s scripts/paths.lua "http://127.0.0.1:$port" -- "$work/paths" |
    grep -E '  (50|99)%|Requests/sec|Non-2xx|errors'
done
