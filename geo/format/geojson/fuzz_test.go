package geojson

import (
	"os"
	"testing"
)

// FuzzRead: no input makes the reader panic, and what it reads passes the
// layer's own check.
func FuzzRead(f *testing.F) {
	if data, err := os.ReadFile("testdata/townships-epsg4528.geojson"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"type":"Feature","id":1,"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}]},"properties":{"a":[1],"b":1e3}}`))
	f.Add([]byte(`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return
		}
		l, err := Read(data)
		if err != nil {
			return
		}
		if err := l.Check(); err != nil {
			t.Fatal(err)
		}
	})
}
