// Package seeds holds the Nantong seed data — the indicator catalogue and
// the checklist of qualitative requirements, the
// real county polygons and division codes, and the generated township,
// community, facility, grid and observation files — embedded for the binary.
// The generator that rebuilds the generated files is in seeds/generate.
package seeds

import "embed"

// IndicatorsJSON is the indicator catalogue of the 2013 Nantong notice.
//
//go:embed indicators.json
var IndicatorsJSON []byte

// ChecklistJSON is the checklist of the notice's qualitative requirements:
// what is not a number, entered per region as not started, in progress or
// done with its evidence.
//
//go:embed checklist.json
var ChecklistJSON []byte

// Files holds nantong/ (real data with licences) and generated/ (the output
// of seeds/generate).
//
//go:embed nantong generated
var Files embed.FS

// The generated seed files, relative to Files.
const (
	RegionsFile      = "generated/regions.geojson"
	FacilitiesFile   = "generated/facilities.csv"
	GridsFile        = "generated/grids.geojson"
	ObservationsFile = "generated/observations.csv"
)
