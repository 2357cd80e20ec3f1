.PHONY: run test build seeds bench fuzz

# Start the service on the embedded SQLite store with the Nantong seeds.
run:
	go run ./server/cmd/atlas

# Every test (the PostgreSQL ones need PostGIS; see scripts/test.sh).
test:
	./scripts/test.sh

build:
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
