package importer

import (
	"math"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
)

// defaultMaxBytes bounds what a zipped file may inflate to when the caller
// gives no limit of its own (the server passes its upload limit).
const defaultMaxBytes = 256 << 20

// Report is what an import understood of a file and what it would change:
// the answer of a dry run, and the record of a real import.
type Report struct {
	File     string            `json:"file"`
	Format   string            `json:"format"`
	Layer    string            `json:"layer,omitempty"`
	Encoding string            `json:"encoding,omitempty"`
	CRS      *CRSReport        `json:"crs,omitempty"`
	Columns  map[string]string `json:"columns,omitempty"` // role → the file's column (how it was found)
	Notes    []string          `json:"notes,omitempty"`
	Rows     int               `json:"rows"`
	Regions  *RegionChanges    `json:"regions,omitempty"`
	Clip     *ClipReport       `json:"clip,omitempty"` // OSM extracts
	// placeProblems are the features placing found wrong (see place), for
	// the reader to report with the rest.
	placeProblems []Problem
}

// RegionChanges counts the regions a file adds, changes and leaves as they
// are, with the area that changes.
type RegionChanges struct {
	New       int `json:"new"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	// AreaChangedKM2 is the area gained or lost by the changed regions'
	// boundaries: the symmetric difference with the stored boundary.
	AreaChangedKM2 float64 `json:"area_changed_km2"`
	// Removed counts the regions --replace drops, with their observations.
	Removed             int       `json:"removed,omitempty"`
	RemovedObservations int       `json:"removed_observations,omitempty"`
	Items               []Changed `json:"items,omitempty"` // the new, changed and removed ones, up to maxChangeItems
}

// Changed is one new or changed region and what changed.
type Changed struct {
	Code   string   `json:"code"`
	Name   string   `json:"name"`
	New    bool     `json:"new,omitempty"`
	Fields []string `json:"fields,omitempty"` // name, population, households, kind, geometry
	// Removed marks a region --replace drops, with the observations that
	// go with it.
	Removed      bool `json:"removed,omitempty"`
	Observations int  `json:"observations,omitempty"`
}

// maxChangeItems caps the regions a report lists one by one.
const maxChangeItems = 500

// regionChanges compares the regions of a file with the stored ones.
func regionChanges(regions []analytics.Region, idx Index) *RegionChanges {
	rc := &RegionChanges{}
	for i := range regions {
		r := &regions[i]
		old, ok := idx.Region(r.Code)
		if !ok {
			rc.New++
			rc.add(Changed{Code: r.Code, Name: r.Name, New: true})
			continue
		}
		fields, area := diffRegion(old, r)
		if len(fields) == 0 {
			rc.Unchanged++
			continue
		}
		rc.Changed++
		rc.AreaChangedKM2 += area
		rc.add(Changed{Code: r.Code, Name: r.Name, Fields: fields})
	}
	rc.AreaChangedKM2 = math.Round(rc.AreaChangedKM2*1e6) / 1e6
	return rc
}

func (rc *RegionChanges) add(c Changed) {
	if len(rc.Items) < maxChangeItems {
		rc.Items = append(rc.Items, c)
	}
}

// diffRegion names the attributes that differ and the area by which the
// boundary moved (km²).
func diffRegion(old, r *analytics.Region) ([]string, float64) {
	var fields []string
	if old.Name != r.Name {
		fields = append(fields, "name")
	}
	if old.Population != r.Population {
		fields = append(fields, "population")
	}
	if old.Households != r.Households {
		fields = append(fields, "households")
	}
	if old.Kind != r.Kind {
		fields = append(fields, "kind")
	}
	moved := movedArea(old, r)
	if moved > 1e-6 { // a square metre: rounding, not a survey
		fields = append(fields, "geometry")
	}
	return fields, moved
}

// movedArea is the area of the symmetric difference of two boundaries in
// km²; a failed overlay counts as the whole difference of areas.
func movedArea(old, r *analytics.Region) float64 {
	inter, err := geo.Intersection(old.Geometry, r.Geometry)
	if err != nil {
		return math.Abs(old.AreaKM2 - r.AreaKM2)
	}
	common := geo.Area(inter) / 1e6
	return math.Max(0, old.AreaKM2+r.AreaKM2-2*common)
}
