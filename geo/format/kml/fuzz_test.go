package kml

import (
	"os"
	"testing"

	"github.com/community-atlas/atlas/geo/format/internal/formattest"
)

// FuzzRead: no KML or KMZ makes the reader panic, and what it reads passes
// the layer's own check.
func FuzzRead(f *testing.F) {
	for _, path := range []string{"testdata/survey.kml", "testdata/survey.kmz"} {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`<kml><Placemark><MultiGeometry><gx:Track><gx:coord>1 2 3</gx:coord><gx:coord>3 4</gx:coord></gx:Track></MultiGeometry></Placemark></kml>`))
	formattest.Fuzz(f, 64<<10, Read)
}
