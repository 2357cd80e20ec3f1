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
ready() {
  local start=$1
  until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.01; done
  echo "$(( ($(date +%s%N) - start) / 1000000 )) ms"
}
echo "== first start (creates and seeds the SQLite store)"
start=$(date +%s%N)
"$work/atlas" -addr "127.0.0.1:$port" -data-dir "$work/data" -log-level warn & pid=$!
echo "first start to ready: $(ready "$start")"
kill -TERM "$pid"; wait "$pid" || true

echo "== cold start on the seeded store"
start=$(date +%s%N)
"$work/atlas" -addr "127.0.0.1:$port" -data-dir "$work/data" -log-level warn & pid=$!
echo "cold start to ready: $(ready "$start")"
echo "resident memory after load: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MiB"}')"

url="http://127.0.0.1:$port/api/v1/regions.geojson?level=community"
echo "== wrk: $url ($(curl -s "$url" | wc -c) bytes)"
wrk -t2 -c16 -d"${WRK_DURATION:-20s}" --latency "$url" | grep -E 'Latency|50%|75%|90%|99%|Requests/sec|Non-2xx'
url="http://127.0.0.1:$port/api/v1/observations?indicator=registered_volunteers&level=community"
echo "== wrk: $url"
wrk -t2 -c16 -d"${WRK_DURATION:-20s}" --latency "$url" | grep -E 'Latency|50%|75%|90%|99%|Requests/sec|Non-2xx'
echo "resident memory after load tests: $(grep VmRSS /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
