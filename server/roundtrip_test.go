package server_test

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// TestExportsImportBack: every geometry export format, in lon/lat and in
// Gauss-Krüger with and without the zone prefix, imports back (as a dry
// run) to the same regions: nothing new, nothing changed — names, codes,
// populations and kinds as stored, and boundaries within a square metre of
// symmetric difference each, which a centimetre's shift along a community's
// boundary would exceed.
func TestExportsImportBack(t *testing.T) {
	s := newServer(t, fixture())
	for _, format := range []string{"geojson", "gpkg", "shp.zip"} {
		for _, crs := range []string{"EPSG:4326", "EPSG:4549", "EPSG:4528", "EPSG:4490"} {
			path := "/api/v1/export/regions." + format + "?level=community&crs=" + crs
			resp, body := s.fetch(t, path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
			}
			var res struct {
				Report struct {
					CRS     struct{ Name, From string }
					Regions struct{ New, Changed, Unchanged int }
				}
			}
			s.uploadForm(t, "boundaries", "regions."+format, body, map[string]string{"dry_run": "true"}, http.StatusOK, &res)
			rc := res.Report.Regions
			if rc.New != 0 || rc.Changed != 0 || rc.Unchanged != 2 {
				t.Errorf("%s in %s imports back as %+v (read as %s)", format, crs, rc, res.Report.CRS.Name)
			}
		}
	}
}

// offeredCRSs are the coordinate systems the web app offers for exports.
var offeredCRSs = []string{"EPSG:4326", "EPSG:4490", "EPSG:3857", "EPSG:4528", "EPSG:4549", "EPSG:4529", "EPSG:4550", "gcj02"}

// layerFormats are every layer export format.
var layerFormats = []string{"geojson", "gpkg", "shp.zip", "csv", "xlsx"}

// tolerance is how far, in metres, a vertex may move in a round trip.
const tolerance = 0.01

// roundTripIndex is what the atlas knows while importing the exports
// back: the fixture's regions.
func roundTripIndex(t *testing.T) (*analytics.Catalogue, importer.Index) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	return cat, analytics.NewSnapshot(1, cat, &analytics.Dataset{Regions: fixture().Regions})
}

// exported fetches an export, failing the test unless it answers 200.
func (s *testServer) exported(t *testing.T, path string) []byte {
	t.Helper()
	resp, body := s.fetch(t, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
	}
	return body
}

// importOptions are what an import of an export needs to be told: the CRS
// of a file that cannot say it (a table, or GCJ-02, which no file
// declares). Tables in degrees are left to tell by their numbers.
func importOptions(format, crs string) importer.Options {
	degrees := crs == "EPSG:4326" || crs == "EPSG:4490"
	if crs == "gcj02" || ((format == "csv" || format == "xlsx") && !degrees) {
		return importer.Options{CRS: crs}
	}
	return importer.Options{}
}

// TestLayerExportsRoundTrip: every layer export format in every offered
// CRS imports back — boundaries, grids and facilities — to the same codes,
// names, counts and attributes, with every vertex within a centimetre of
// where it was (measured on the ellipsoid, in lon/lat, against the
// fixture's own coordinates).
func TestLayerExportsRoundTrip(t *testing.T) {
	s := newServer(t, fixture())
	_, idx := roundTripIndex(t)
	ctx := context.Background()
	want := fixture()
	for _, format := range layerFormats {
		for _, crs := range offeredCRSs {
			name := format + " in " + crs
			opts := importOptions(format, crs)
			body := s.exported(t, "/api/v1/export/regions."+format+"?level=community&crs="+crs)
			cs, _, err := importer.ReadBoundariesWith(ctx, "regions."+format, body, idx, opts)
			if err != nil {
				t.Errorf("%s: regions: %v", name, err)
			} else {
				sameRegions(t, name, cs.Regions, want.Regions[4:])
			}
			body = s.exported(t, "/api/v1/export/grids."+format+"?crs="+crs)
			cs, _, err = importer.ReadGridsWith(ctx, "grids."+format, body, idx, opts)
			if err != nil {
				t.Errorf("%s: grids: %v", name, err)
			} else {
				sameGrids(t, name, cs.Grids, want.Grids)
			}
			body = s.exported(t, "/api/v1/export/facilities."+format+"?crs="+crs)
			cs, _, err = importer.ReadFacilitiesWith(ctx, "facilities."+format, body, idx, opts)
			if err != nil {
				t.Errorf("%s: facilities: %v", name, err)
			} else {
				sameFacilities(t, name, cs.Facilities, want.Facilities)
			}
		}
	}
}

func sameRegions(t *testing.T, name string, got, want []analytics.Region) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d regions, want %d", name, len(got), len(want))
		return
	}
	for i, w := range want {
		g := got[i]
		if g.Code != w.Code || g.Name != w.Name || g.Level != w.Level || g.Parent != w.Parent || g.Kind != w.Kind ||
			g.Population != w.Population || g.Households != w.Households {
			t.Errorf("%s: region %d = %s %s %s parent %s %s pop %d hh %d; want %s %s %s parent %s %s pop %d hh %d", name, i,
				g.Code, g.Name, g.Level, g.Parent, g.Kind, g.Population, g.Households,
				w.Code, w.Name, w.Level, w.Parent, w.Kind, w.Population, w.Households)
		}
		sameShape(t, name+" region "+w.Code, g.Geometry, w.Geometry)
	}
}

func sameGrids(t *testing.T, name string, got, want []analytics.Grid) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d grids, want %d", name, len(got), len(want))
		return
	}
	for i, w := range want {
		g := got[i]
		if g.Code != w.Code || g.Community != w.Community || g.Households != w.Households || g.Worker != w.Worker {
			t.Errorf("%s: grid %+v, want %+v", name, g, w)
		}
		sameShape(t, name+" grid "+w.Code, g.Geometry, w.Geometry)
	}
}

func sameFacilities(t *testing.T, name string, got, want []analytics.Facility) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d facilities, want %d", name, len(got), len(want))
		return
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.ID || g.Type != w.Type || g.Name != w.Name || g.Region != w.Region || g.FloorAreaM2 != w.FloorAreaM2 {
			t.Errorf("%s: facility %+v, want %+v", name, g, w)
		}
		if d := orbgeo.Distance(g.Point, w.Point); d > tolerance {
			t.Errorf("%s: facility %s moved %.4f m", name, w.ID, d)
		}
	}
}

// sameShape checks ring by ring that every vertex lies within tolerance of
// the vertex it was, and that no vertex was added or lost.
func sameShape(t *testing.T, name string, got, want orb.MultiPolygon) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d polygons, want %d", name, len(got), len(want))
		return
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("%s: polygon %d has %d rings, want %d", name, i, len(got[i]), len(want[i]))
			continue
		}
		for j := range want[i] {
			g, w := got[i][j], want[i][j]
			if len(g) != len(w) {
				t.Errorf("%s: ring %d.%d has %d vertices, want %d", name, i, j, len(g), len(w))
				continue
			}
			for k := range w {
				if d := orbgeo.Distance(g[k], w[k]); d > tolerance {
					t.Errorf("%s: vertex %d.%d.%d at %v, %.4f m from %v", name, i, j, k, g[k], d, w[k])
				}
			}
		}
	}
}

// TestLayerTableNeedsCRS: a CSV or XLSX export in projected coordinates
// says nothing of its CRS, and imported without --crs it is refused with
// the range seen and the flag to use.
func TestLayerTableNeedsCRS(t *testing.T) {
	s := newServer(t, fixture())
	_, idx := roundTripIndex(t)
	for _, format := range []string{"csv", "xlsx"} {
		body := s.exported(t, "/api/v1/export/regions."+format+"?level=community&crs=EPSG:4549")
		_, _, err := importer.ReadBoundariesWith(context.Background(), "regions."+format, body, idx, importer.Options{})
		if err == nil || !strings.Contains(err.Error(), "--crs") || !strings.Contains(err.Error(), "are not degrees") {
			t.Errorf("%s in EPSG:4549 without --crs: err = %v; want a refusal naming the range and --crs", format, err)
		}
	}
}

// TestObservationExportsRoundTrip: the observations export, CSV and XLSX,
// with its bilingual headers (区划代码 code, 数值 value, …), imports back
// as it is to the values it holds: for one indicator, the observations
// stored; for all, also the values computed from facilities and grids, as
// the JSON export of the same query lists them.
func TestObservationExportsRoundTrip(t *testing.T) {
	s := newServer(t, fixture())
	cat, idx := roundTripIndex(t)
	stored := map[analytics.Observation]bool{}
	for _, o := range fixture().Observations {
		stored[o] = true
	}
	for _, query := range []string{"indicator=registered_volunteers&level=community&period=all", "level=community&period=all"} {
		want := exportedValues(t, s, query)
		if strings.HasPrefix(query, "indicator=") && !maps.Equal(want, stored) {
			t.Fatalf("the JSON export of %s lists %v; want the stored %v", query, want, stored)
		}
		for _, format := range []string{"csv", "xlsx"} {
			path := "/api/v1/export/observations." + format + "?" + query
			cs, _, err := importer.ReadObservationsWith("observations."+format, s.exported(t, path), cat, idx, importer.Options{})
			if err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			got := map[analytics.Observation]bool{}
			for _, o := range cs.Observations {
				got[o] = true
			}
			if len(got) != len(cs.Observations) || !maps.Equal(got, want) {
				t.Errorf("%s imports back as %v; want %v", path, cs.Observations, want)
			}
		}
	}
}

// exportedValues are the values the JSON observations export lists.
func exportedValues(t *testing.T, s *testServer, query string) map[analytics.Observation]bool {
	var doc struct {
		Items []struct {
			Indicator, Code string
			Period          int
			Value           *float64
		}
	}
	if err := json.Unmarshal(s.exported(t, "/api/v1/export/observations.json?"+query), &doc); err != nil {
		t.Fatal(err)
	}
	out := map[analytics.Observation]bool{}
	for _, it := range doc.Items {
		if it.Value != nil {
			out[analytics.Observation{Indicator: it.Indicator, Region: it.Code, Period: it.Period, Value: *it.Value}] = true
		}
	}
	return out
}
