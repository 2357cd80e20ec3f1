package server_test

import (
	"net/http"
	"testing"
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
