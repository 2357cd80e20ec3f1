package server

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/ogc"
	"github.com/labstack/echo/v4"
)

// seedSnapshot is a snapshot of the Nantong seeds, read as the store
// would load them.
func seedSnapshot(tb testing.TB) *analytics.Snapshot {
	cat, err := atlas.LoadCatalogue()
	if err != nil {
		tb.Fatal(err)
	}
	cs, err := importer.Seeds(cat)
	if err != nil {
		tb.Fatal(err)
	}
	return analytics.NewSnapshot(1, cat, &analytics.Dataset{Regions: cs.Regions, Observations: cs.Observations,
		Facilities: cs.Facilities, Grids: cs.Grids})
}

// BenchmarkOGCItems serves OGC items of the seeded communities through the
// handler, without authentication: a page of 100, a box of about 2 km (7
// communities) and the largest page, 10,000 (all 2,005). The first request
// encodes the collection; the loop measures the pages served from it.
func BenchmarkOGCItems(b *testing.B) {
	s := seedSnapshot(b)
	o := ogc.New(func(echo.Context) *analytics.Snapshot { return s }, exportLayers{})
	e := echo.New()
	e.GET("/ogc/collections/:id/items", o.Items)
	for _, bc := range []struct{ name, query string }{
		{"page100", "limit=100&offset=1000"},
		{"bbox", "bbox=120.88,31.99,120.90,32.01"},
		{"limit10000", "limit=10000"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			get := func() *countingWriter {
				w := &countingWriter{header: http.Header{}}
				e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/ogc/collections/communities/items?"+bc.query, nil))
				if w.code != http.StatusOK {
					b.Fatalf("%s: status %d", bc.query, w.code)
				}
				return w
			}
			b.SetBytes(int64(get().n))
			b.ReportAllocs()
			for b.Loop() {
				get()
			}
		})
	}
}

// countingWriter is a response that keeps only its length, so that the
// benchmark's allocations are the handler's own, not a recorder's copy of
// the body.
type countingWriter struct {
	header http.Header
	code   int
	n      int
}

func (w *countingWriter) Header() http.Header  { return w.header }
func (w *countingWriter) WriteHeader(code int) { w.code = code }
func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}
