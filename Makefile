# Pure Go builds: nothing needs C, and the OSM reader would otherwise want
# zlib's headers.
export CGO_ENABLED ?= 0

.PHONY: run test build seeds bench fuzz frontend

# Start the service on the embedded SQLite store with the Nantong seeds,
# with the web app built into it.
# Anonymous visitors may view (ATLAS_PUBLIC_READ) so the map shows at once on
# this machine; a deployment leaves that off and signs users in.
run: frontend
	ATLAS_PUBLIC_READ=$${ATLAS_PUBLIC_READ:-true} go run ./server/cmd/atlas

# Build the web app into frontend/dist, which the Go build embeds.
frontend: frontend/node_modules/.package-lock.json
	npm --prefix frontend run build

# Install the web app's packages when they are missing or older than the lock.
frontend/node_modules/.package-lock.json: frontend/package-lock.json
	npm --prefix frontend ci
	touch $@

# Every test (the PostgreSQL ones need PostGIS; see scripts/test.sh).
test:
	./scripts/test.sh

build: frontend
	go build -o bin/atlas ./server/cmd/atlas

# Regenerate the generated Nantong seeds (byte-identical for the same code).
seeds:
	go run ./seeds/generate

# Benchmarks and load figures; see scripts/bench.sh.
bench:
	./scripts/bench.sh

# Run every fuzz target for FUZZTIME each (default 10s).
fuzz:
	./scripts/fuzz.sh
