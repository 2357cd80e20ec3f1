#!/usr/bin/env bash
# Mixed read load on loopback: tiles, choropleth, observations and coverage
# requests in turn, signed in with an API token, three runs of DURATION
# (default 60s) at 16 and at 64 connections; requests/s, p99 and errors for
# each, and the server's resident memory before and after. Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${DURATION:-60s}
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=${BENCH_PORT:-18481}
base="http://127.0.0.1:$port"

go build -o "$work/atlas" ./server/cmd/atlas
ATLAS_BOOTSTRAP_ADMIN=bench:bench-password-1 "$work/atlas" -addr "127.0.0.1:$port" -data-dir "$work/data" -log-level warn & pid=$!
until curl -fs "$base/readyz" >/dev/null; do sleep 0.1; done
token=$(curl -fs -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')

# The request mix: community tiles at z12 over the city, then the map and
# table answers a dashboard asks for, and coverage where those endpoints exist.
go run ./scripts/pgtiles -list community -minzoom 12 -maxzoom 12 >"$work/paths"
for q in \
  "/api/v1/choropleth?indicator=registered_volunteers&level=community&method=jenks&classes=5" \
  "/api/v1/choropleth?indicator=one_stop_service&level=township&method=target" \
  "/api/v1/observations?indicator=elderly_health_records&level=township" \
  "/api/v1/observations?level=county" \
  "/api/v1/coverage/health?level=township" \
  "/api/v1/coverage/grid?level=township"; do
  if curl -fs -o /dev/null -H "Authorization: Bearer $token" "$base$q"; then
    for _ in $(seq 1 40); do echo "$q"; done >>"$work/paths"
  else
    echo "skipping $q (not served)"
  fi
done
shuf --random-source=<(yes) "$work/paths" -o "$work/paths"
echo "$(wc -l <"$work/paths") paths in the mix"
cat >"$work/auth.lua" <<LUA
local paths = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "gzip", ["Authorization"] = "Bearer $token" })
end
LUA
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2 / 1024}' "/proc/$pid/status"; }
echo "resident memory before: $(rss)"
for conns in 16 64; do
  for run in 1 2 3; do
    echo "== $conns connections, run $run"
    wrk -t2 -c"$conns" -d"$dur" --latency -s "$work/auth.lua" "$base" -- "$work/paths" |
      grep -E '  99%|Requests/sec|Non-2xx|Socket errors' || true
    echo "resident memory: $(rss)"
  done
done
