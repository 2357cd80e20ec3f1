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
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "== $pkg $target ($time)"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$time" -fuzzminimizetime="$minimize" "$pkg"
  done
done
