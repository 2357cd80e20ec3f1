#!/usr/bin/env bash
# Figures for docs/BENCHMARKS.md: Go benchmarks, seed generation, cold start,
# API latency under wrk on loopback, resident memory. Needs wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-18080}
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== Go benchmarks"
go test -run='^$' -bench=. -benchmem -benchtime="${BENCHTIME:-1x}" ./analytics/... ./server/... ./geo/... 2>&1 | grep -E '^(Benchmark|ok|FAIL|---)' || true

echo "== seed generation"
gen_out="$work/gen"
mkdir -p "$gen_out"
/usr/bin/time -f "%e s, %M KiB peak" go run ./seeds/generate -out "$gen_out" 2>&1 | tail -n 2
cmp -s "$gen_out/observations.csv" seeds/generated/observations.csv && echo "regenerated files identical to the committed ones"

go build -o "$work/atlas" ./server/cmd/atlas

echo "== observation import: 1,000,000 rows as CSV and XLSX into a freshly seeded SQLite store"
go run ./scripts/obsfile -rows "${IMPORT_ROWS:-1000000}" -o "$work/obs.csv"
go run ./scripts/obsfile -rows "${IMPORT_ROWS:-1000000}" -o "$work/obs.xlsx"
"$work/atlas" seed -data-dir "$work/seeded" -log-level warn >/dev/null
for f in obs.csv obs.xlsx; do
  rm -rf "$work/import" && cp -r "$work/seeded" "$work/import"
  /usr/bin/time -f "$f: %e s wall, %U s user, %S s system, %M KiB peak" \
    "$work/atlas" import -data-dir "$work/import" -log-level warn observations "$work/$f" 2>&1 >/dev/null | tail -n 1
done
rm -rf "$work/seeded" "$work/import" "$work"/obs.*
ready() {
  local start=$1
  until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.01; done
  echo "$(( ($(date +%s%N) - start) / 1000000 )) ms"
}
echo "== first start (creates and seeds the SQLite store)"
start=$(date +%s%N)
ATLAS_BOOTSTRAP_ADMIN='bench:bench-password-1' "$work/atlas" -addr "127.0.0.1:$port" -data-dir "$work/data" -log-level warn & pid=$!
echo "first start to ready: $(ready "$start")"
kill -TERM "$pid"; wait "$pid" || true

echo "== cold start on the seeded store"
start=$(date +%s%N)
"$work/atlas" -addr "127.0.0.1:$port" -data-dir "$work/data" -log-level warn & pid=$!
echo "cold start to ready: $(ready "$start")"
echo "resident memory after load: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
token=$(curl -s -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-1"}' \
  "http://127.0.0.1:$port/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
auth="Authorization: Bearer $token"
load() { # url: wrk with the token, plain and gzipped as a browser asks
  echo "== wrk: $1 ($(curl -s -H "$auth" "$1" | wc -c) bytes)"
  for enc in identity gzip; do
    echo "Accept-Encoding: $enc"
    wrk -t2 -c16 -d"${WRK_DURATION:-20s}" --latency -H "$auth" -H "Accept-Encoding: $enc" "$1" | grep -E '  50%|  99%|Requests/sec|Non-2xx'
  done
}
load "http://127.0.0.1:$port/api/v1/regions.geojson?level=community"
load "http://127.0.0.1:$port/api/v1/observations?indicator=registered_volunteers&level=community"
load "http://127.0.0.1:$port/api/v1/choropleth?indicator=registered_volunteers&level=community&method=jenks&classes=7"
echo "== grid coverage (task 13): the first request computes the city's coverage, later ones read it"
curl -s -H "$auth" -o /dev/null -w "first /coverage/grid (computes): %{time_total} s\n" "http://127.0.0.1:$port/api/v1/coverage/grid?level=community"
load "http://127.0.0.1:$port/api/v1/coverage/grid/gaps?parent=3206"
load "http://127.0.0.1:$port/api/v1/coverage/grid/gaps?community=320612002202"
load "http://127.0.0.1:$port/api/v1/coverage/grid?level=community"
echo "resident memory after load tests: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
echo "peak resident memory: $(grep VmHWM /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
url="http://127.0.0.1:$port/api/v1/compare?level=county"
echo "== wrk: scorecard, counties × all indicators: $url ($(curl -s -H "$auth" "$url" | wc -c) bytes)"
wrk -t2 -c16 -d"${WRK_DURATION:-20s}" --latency -H "$auth" "$url" | grep -E 'Latency|50%|75%|90%|99%|Requests/sec|Non-2xx'
url="http://127.0.0.1:$port/ogc/collections/communities/items?limit=100&offset=1000"
echo "== wrk: OGC items page of 100 communities: $url ($(curl -s -H "$auth" "$url" | wc -c) bytes)"
wrk -t2 -c16 -d"${WRK_DURATION:-20s}" --latency -H "$auth" "$url" | grep -E 'Latency|50%|75%|90%|99%|Requests/sec|Non-2xx'
for level in county township community; do
  curl -s -H "$auth" -o /dev/null -w "observations.xlsx level=$level period=all: %{time_total} s, %{size_download} bytes\n" \
    "http://127.0.0.1:$port/api/v1/export/observations.xlsx?level=$level&period=all"
done
echo "peak resident memory after the XLSX exports: $(grep VmHWM /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
for crs in EPSG:4326 EPSG:4549; do
  for _ in 1 2 3; do
    curl -s -H "$auth" -o /dev/null -w "community GeoPackage ($crs, every indicator): %{time_total} s, %{size_download} bytes\n" \
      "http://127.0.0.1:$port/api/v1/export/regions.gpkg?level=community&crs=$crs"
  done
done

echo "== 15-minute health circle (task 2) on the seeds: no road network, so straight-line estimates"
curl -s -H "$auth" -o /dev/null -w "first /coverage/health (builds the population points, computes): %{time_total} s\n" \
  "http://127.0.0.1:$port/api/v1/coverage/health?level=community"
load "http://127.0.0.1:$port/api/v1/coverage/health?level=community"
load "http://127.0.0.1:$port/api/v1/coverage/health?level=township&mode=ebike&minutes=10"
station=$(curl -s -H "$auth" "http://127.0.0.1:$port/api/v1/facilities?type=health_station" | sed -n 's/^{"items":\[{"id":"\([^"]*\)".*/\1/p')
load "http://127.0.0.1:$port/api/v1/isochrones?facility=$station"
curl -s -H "$auth" -o /dev/null -w "merged isochrones of every health facility (computes): %{time_total} s, %{size_download} bytes\n" \
  "http://127.0.0.1:$port/api/v1/isochrones.geojson"
curl -s -H "$auth" -H 'Content-Type: application/json' -o /dev/null -w "siting, k=10, default candidates: %{time_total} s\n" \
  -d '{"k":10}' "http://127.0.0.1:$port/api/v1/coverage/health/siting"
curl -s -H "$auth" -H 'Content-Type: application/json' -o /dev/null -w "what-if, one clinic added: %{time_total} s\n" \
  -d '{"level":"community","add":[{"lon":120.86,"lat":32.01,"type":"health_station"}]}' "http://127.0.0.1:$port/api/v1/coverage/health/whatif"
echo "== wrk, uncached: coverage per township for random budgets (every request computes one)"
wrk -t2 -c4 -d"${WRK_DURATION:-20s}" --latency -H "$auth" -s scripts/coverage.lua "http://127.0.0.1:$port" | grep -E '  50%|  99%|Requests/sec|Non-2xx'
kill -TERM "$pid"; wait "$pid" || true

echo "== OSM import: the largest extract in github.com/paulmach/osm's testdata, into the seeded store"
osm=$(go list -m -f '{{.Dir}}' github.com/paulmach/osm)/testdata
printf '<osm version="0.6"><node id="1" lon="120.86" lat="32.01"/><node id="2" lon="120.861" lat="32.01"/><way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way></osm>' >"$work/tiny.osm"
/usr/bin/time -f "tiny extract (baseline: open, load the snapshot, write, reload): %e s, %M KiB peak" \
  "$work/atlas" import -data-dir "$work/data" -log-level warn osm "$work/tiny.osm" 2>&1 >/dev/null | tail -n 1
# Delaware lies outside the seeded atlas (Nantong): clipped to the regions
# it keeps nothing and is refused, which measures the two streaming passes
# alone; -clip=false imports it whole, for the isochrone loads below.
/usr/bin/time -f "delaware-latest.osm.pbf clipped to the regions (refused: nothing near them): %e s, %M KiB peak" \
  "$work/atlas" import -data-dir "$work/data" -log-level warn osm "$osm/delaware-latest.osm.pbf" 2>&1 >/dev/null | tail -n 1 || true
/usr/bin/time -f "delaware-latest.osm.pbf ($(du -k "$osm/delaware-latest.osm.pbf" | cut -f1) KiB), -clip=false: %e s, %M KiB peak" \
  "$work/atlas" import -data-dir "$work/data" -log-level warn -clip=false osm "$osm/delaware-latest.osm.pbf" 2>&1 >/dev/null | tail -n 1
"$work/atlas" -addr "127.0.0.1:$port" -data-dir "$work/data" -log-level warn & pid=$!
ready "$(date +%s%N)" >/dev/null
echo "resident memory with the Delaware network loaded: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
load "http://127.0.0.1:$port/api/v1/isochrones?lon=-75.5467&lat=39.7459&mode=walk"
load "http://127.0.0.1:$port/api/v1/isochrones?lon=-75.5244&lat=39.1582&mode=car"
echo "== wrk, uncached: walking isochrones from random places in Delaware (every request computes one)"
wrk -t2 -c4 -d"${WRK_DURATION:-20s}" --latency -H "$auth" -s scripts/isochrones.lua "http://127.0.0.1:$port" | grep -E '  50%|  99%|Requests/sec|Non-2xx'
