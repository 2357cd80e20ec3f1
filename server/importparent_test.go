package server_test

import (
	"strings"
	"testing"
)

// A city whose parent is the province code "32", which no store holds, is
// rejected as a problem of the file (422 naming the parent), not a failed
// write (500 from the foreign key), on both stores; the city is unchanged.
func TestImportCityWithUnknownParent(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { checkCityParent(t, newServerOn(t, openSQLite(t), fixture())) })
	t.Run("postgis", func(t *testing.T) { checkCityParent(t, newServerOn(t, openPostGIS(t), fixture())) })
}

func checkCityParent(t *testing.T, s *testServer) {
	geo := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"3206","name":"改名市","level":"city","parent":"32","population":1},
		"geometry":{"type":"Polygon","coordinates":[[[120,32],[120.4,32],[120.4,32.1],[120,32.1],[120,32]]]}}]}`
	var p problem
	s.upload(t, "boundaries", "city.geojson", []byte(geo), 422, &p)
	if len(p.Errors) != 1 || p.Errors[0].Feature != 1 || p.Errors[0].Field != "parent" ||
		!strings.Contains(p.Errors[0].Message, `parent "32" is unknown`) {
		t.Errorf("problem = %+v", p)
	}
	var r region
	s.get(t, "/api/v1/regions/3206", 200, &r)
	if r.Name != "南通市" || r.Population != 4000 {
		t.Errorf("the city changed: %+v", r)
	}
}
