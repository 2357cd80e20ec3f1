// Package realdata holds the analytics packages' tests and benchmarks on
// the real Nantong seeds (gridcov, healthcov, standards), loaded through
// the importer exactly as `atlas seed` loads them: every seed file passes
// the validation an upload would. They live here, under server, because
// the analytics packages import nothing of the server, their tests
// included; the analytics packages keep their own tests on small fixtures.
// The package has no code but its tests.
package realdata
