package server_test

import (
	"strings"
	"testing"
)

// A city whose parent is the province code "32", which the store does not
// hold, stays a root of the hierarchy; a parent that is no ancestor code
// of it ("33") is rejected as a problem of the file (422 naming the
// parent), not a failed write (500 from the foreign key), on both stores,
// and the city is unchanged.
func TestImportCityWithUnknownParent(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { checkCityParent(t, newServerOn(t, openSQLite(t), fixture())) })
	t.Run("postgis", func(t *testing.T) { checkCityParent(t, newServerOn(t, openPostGIS(t), fixture())) })
}

func checkCityParent(t *testing.T, s *testServer) {
	city := func(name, parent string) []byte {
		return []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"3206","name":"` + name + `","level":"city","parent":"` + parent + `","population":1},
		"geometry":{"type":"Polygon","coordinates":[[[120,32],[120.4,32],[120.4,32.1],[120,32.1],[120,32]]]}}]}`)
	}
	var p problem
	s.upload(t, "boundaries", "city.geojson", city("改名市", "33"), 422, &p)
	if len(p.Errors) != 1 || p.Errors[0].Feature != 1 || p.Errors[0].Field != "parent" ||
		!strings.Contains(p.Errors[0].Message, `parent "33" is neither in this file nor already known`) {
		t.Errorf("problem = %+v", p)
	}
	var r region
	s.get(t, "/api/v1/regions/3206", 200, &r)
	if r.Name != "南通市" || r.Population != 4000 {
		t.Errorf("the city changed: %+v", r)
	}
	s.upload(t, "boundaries", "city.geojson", city("南通市", "32"), 201, nil)
	s.get(t, "/api/v1/regions/3206", 200, &r)
	if r.Parent != "" || r.Population != 1 {
		t.Errorf("the city under an unstored province: %+v, want a root", r)
	}
}
