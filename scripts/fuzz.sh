#!/usr/bin/env bash
# Runs every fuzz target in the module for FUZZTIME each (default 10s).
# FUZZMINIMIZE bounds the minimising of each new input (default 200 runs):
# left at Go's 60s, targets over large dependencies (excelize) spend their
# whole time minimising and hardly fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${FUZZTIME:-10s}
# Minimising each new interesting input runs the target up to 60s by
# default; for targets that go through SQLite that is the whole budget.
minimize=${FUZZMINIMIZETIME:-100x}
# fuzz runs one target. The toolchain's coordinator sometimes stops at the
# end of -fuzztime with "context deadline exceeded" and no failing input (a
# worker still starting or minimising when the time runs out): that run is
# tried once more. A failure with an input is a real one, reported as is.
fuzz() {
  local out
  if out=$(go test -run='^$' -fuzz="^$2\$" -fuzztime="$time" -fuzzminimizetime="$minimize" "$1" 2>&1); then
    echo "$out"
    return
  fi
  echo "$out"
  if grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
    echo "-- $2 stopped on the fuzzing deadline without a failing input: once more"
    go test -run='^$' -fuzz="^$2\$" -fuzztime="$time" -fuzzminimizetime="$minimize" "$1"
    return
  fi
  return 1
}

for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "== $pkg $target ($time)"
    fuzz "$pkg" "$target"
  done
done
