#!/usr/bin/env bash
# Runs every test. The PostgreSQL store's tests need a database with PostGIS:
# ATLAS_TEST_DATABASE_URL names one; when it is unset this script creates
# atlas_test on the local server (127.0.0.1:5432, user postgres) if it can.
set -euo pipefail
cd "$(dirname "$0")/.."
# Pure Go, as the binary is built (see the Makefile).
export CGO_ENABLED=${CGO_ENABLED:-0}

if [ -z "${ATLAS_TEST_DATABASE_URL:-}" ]; then
  if psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database atlas_test' >/dev/null 2>&1 || true
    if PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -U postgres -d atlas_test -qc 'create extension if not exists postgis' >/dev/null; then
      export ATLAS_TEST_DATABASE_URL='postgres://postgres@127.0.0.1:5432/atlas_test?sslmode=disable'
    fi
  fi
fi
if [ -z "${ATLAS_TEST_DATABASE_URL:-}" ]; then
  echo "note: no PostgreSQL with PostGIS found; the PostgreSQL store's tests will be skipped (they fail under CI=true)" >&2
fi

go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "not gofmt-formatted: $unformatted" >&2
  exit 1
fi
# The layering (server → analytics → geo, test imports included) is a Go
# test: internal/layering.
go test -count=1 "$@" ./...

# The web app: build it, then drive it in headless Chromium against the real
# binary (frontend/tests; screenshots go to test-artifacts/).
make --no-print-directory frontend
npm --prefix frontend test
