#!/usr/bin/env bash
# OGC API – Features items: Community Atlas against CrunchyData's
# pg_featureserv on the same 2,005 communities with the same properties, on
# loopback: wrk, 16 connections, a page of 100 (limit=100&offset=1000) and a
# small box (about 2 km, 7 communities). The servers take turns, the same
# settings for each, for ROUNDS rounds; each run prints the load average.
#
# Needs PostgreSQL with PostGIS on 127.0.0.1 (a database atlas_ogc_bench is
# made afresh), wrk, curl, GDAL's ogr2ogr, and pg_featureserv: a binary in
# PG_FEATURESERV, or its source tree in PG_FEATURESERV_SRC, built here
# (git clone https://github.com/CrunchyData/pg_featureserv). BEFORE=<git ref>
# measures that revision of Community Atlas too (say BEFORE=main).
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${WRK_DURATION:-10s}
rounds=${ROUNDS:-2}
dbname=atlas_ogc_bench
db="postgres://postgres@127.0.0.1:5432/$dbname?sslmode=disable"
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

pgfs=${PG_FEATURESERV:-}
if [ -z "$pgfs" ]; then
  (cd "${PG_FEATURESERV_SRC:?set PG_FEATURESERV or PG_FEATURESERV_SRC}" && go build -o "$work/pg_featureserv" .)
  pgfs=$work/pg_featureserv
fi
go build -o "$work/atlas-after" ./server/cmd/atlas
servers=(after)
if [ -n "${BEFORE:-}" ]; then
  mkdir "$work/before"
  git archive "$BEFORE" | tar -x -C "$work/before"
  (cd "$work/before" && go build -o "$work/atlas-before" ./server/cmd/atlas)
  servers=(before after)
fi

psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $dbname" -qc "create database $dbname"
psql -h 127.0.0.1 -U postgres -d $dbname -qc 'create extension postgis'
ATLAS_DATABASE_URL=$db "$work/atlas-after" seed -log-level warn >/dev/null

ready() { # url, pid: wait for the server, or fail when it has exited
  until curl -fs -o /dev/null "$1"; do
    kill -0 "$2" 2>/dev/null || { echo "server for $1 exited" >&2; exit 1; }
    sleep 0.05
  done
}
port=18480
for s in "${servers[@]}"; do
  port=$((port + 1))
  ATLAS_BOOTSTRAP_ADMIN='bench:bench-password-1' ATLAS_DATABASE_URL=$db \
    "$work/atlas-$s" -addr "127.0.0.1:$port" -log-level warn & pids+=($!)
  ready "http://127.0.0.1:$port/readyz" $!
  eval "port_$s=$port"
done
token=$(curl -s -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-1"}' \
  "http://127.0.0.1:$port_after/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
auth="Authorization: Bearer $token"

# pg_featureserv's table: the communities as Community Atlas serves them
# (latest period), loaded by GDAL, keyed by code like the OGC features.
curl -fs -H "$auth" "http://127.0.0.1:$port_after/ogc/collections/communities/items?limit=10000" >"$work/communities.json"
ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 user=postgres dbname=$dbname" "$work/communities.json" \
  -nln communities -lco GEOMETRY_NAME=geom -lco FID=fid
psql -h 127.0.0.1 -U postgres -d $dbname -qc 'alter table communities drop column fid, drop column id' \
  -qc 'alter table communities add primary key (code)' -qc 'create schema bench' \
  -qc 'alter table communities set schema bench' -qc 'analyze bench.communities'
# Its defaults, but for a pool as large as wrk's connections.
DATABASE_URL=$db PGFS_SERVER_HTTPHOST=127.0.0.1 PGFS_SERVER_HTTPPORT=18490 PGFS_DATABASE_TABLEINCLUDES=bench \
  PGFS_DATABASE_DBPOOLMAXCONNS=16 "$pgfs" >"$work/pgfs.log" 2>&1 & pids+=($!)
ready http://127.0.0.1:18490/collections.json $!

box=120.88,31.99,120.90,32.01
declare -A query=([page]="limit=100&offset=1000" [bbox]="bbox=$box")
url() { # server, load
  case $1 in
  pgfs) echo "http://127.0.0.1:18490/collections/bench.communities/items.json?${query[$2]}" ;;
  *) local p="port_$1"; echo "http://127.0.0.1:${!p}/ogc/collections/communities/items?${query[$2]}" ;;
  esac
}
for load in page bbox; do
  for s in "${servers[@]}" pgfs; do
    n=$(curl -fs -H "$auth" "$(url "$s" "$load")" | tee "$work/body" | wc -c)
    echo "$load $s: $n bytes, $(grep -o '"type":"Feature"' "$work/body" | wc -l) features"
  done
done

# ms turns wrk's latency (850.00us, 12.34ms, 1.02s) into milliseconds.
ms() { awk '{v=$1; if (v ~ /us$/) v=v/1000; else if (v ~ /ms$/) v=v+0; else if (v ~ /s$/) v=v*1000; printf "%.2f", v}'; }
echo "== wrk -t2 -c16 -d$dur, $rounds rounds, servers in turn"
printf '%-6s %-5s %-7s %10s %9s %9s  %s\n' round load server req/s p50_ms p99_ms load_average
for r in $(seq "$rounds"); do
  for load in page bbox; do
    for s in "${servers[@]}" pgfs; do
      la=$(cut -d' ' -f1-3 /proc/loadavg)
      out=$(wrk -t2 -c16 -d"$dur" --latency -H "$auth" "$(url "$s" "$load")")
      if grep -q 'Non-2xx' <<<"$out"; then echo "$s $load: errors"; grep Non-2xx <<<"$out"; fi
      printf '%-6s %-5s %-7s %10s %9s %9s  %s\n' "$r" "$load" "$s" \
        "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out" | ms)" "$(awk '$1 == "99%" {print $2}' <<<"$out" | ms)" "$la"
    done
  done
done | tee "$work/runs"
echo "== throughput ratios to pg_featureserv (sum over rounds), worst p99"
for load in page bbox; do
  for s in "${servers[@]}"; do
    awk -v l="$load" -v s="$s" '$2 == l && $3 == s {a += $4; if ($6 > ap) ap = $6}
      $2 == l && $3 == "pgfs" {p += $4; if ($6 > pp) pp = $6}
      END {printf "%s %s: %.1f× pg_featureserv, p99 %.1f ms vs %.1f ms\n", l, s, a / p, ap, pp}' "$work/runs"
  done
done
