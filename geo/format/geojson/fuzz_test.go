package geojson

import (
	"os"
	"testing"

	"github.com/community-atlas/atlas/geo/format/internal/formattest"
)

// FuzzRead: no input makes the reader panic, and what it reads passes the
// layer's own check.
func FuzzRead(f *testing.F) {
	if data, err := os.ReadFile("testdata/townships-epsg4528.geojson"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"type":"Feature","id":1,"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]},"properties":{"a":[1],"b":1e3}}`))
	f.Add([]byte(`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}`))
	formattest.Fuzz(f, 64<<10, Read)
}
