#!/usr/bin/env bash
# Memory under concurrent failed logins: starts an atlas on loopback that
# trusts loopback as a proxy (so each login's X-Forwarded-For is its client
# address), sends BURSTS (default 5) bursts of N (default 200) concurrent
# failed logins with distinct usernames and addresses (scripts/loginload),
# and prints the server's resident memory before and its peak (VmHWM) after.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=${BENCH_PORT:-18482}
base="http://127.0.0.1:$port"

go build -o "$work/atlas" ./server/cmd/atlas
go build -o "$work/loginload" ./scripts/loginload
ATLAS_TRUSTED_PROXIES=127.0.0.1/32 "$work/atlas" -addr "127.0.0.1:$port" -data-dir "$work/data" -log-level error & pid=$!
until curl -fs "$base/readyz" >/dev/null; do sleep 0.1; done
mem() { awk -v k="$1:" '$1 == k {printf "%.1f MiB", $2 / 1024}' "/proc/$pid/status"; }
echo "resident before: $(mem VmRSS), peak so far: $(mem VmHWM)"
"$work/loginload" -base "$base" -n "${N:-200}" -bursts "${BURSTS:-5}"
echo "resident after: $(mem VmRSS), peak (VmHWM): $(mem VmHWM)"
