package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/auth"
)

// A province above the city, as a region like any other: a boundary file
// with the province, the stored city and a second city (levels and parents
// from the codes alone), on both stores. The province becomes the root and
// its cities the default level; it rolls up by the same rules (8.5, the
// population-weighted mean of the two communities, as the township, county
// and city have it), compares its cities, serves tiles and an OGC
// collection, and scopes a user.
func TestProvinceLevel(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { checkProvince(t, newServerOn(t, openSQLite(t), fixture())) })
	t.Run("postgis", func(t *testing.T) { checkProvince(t, newServerOn(t, openPostGIS(t), fixture())) })
}

func checkProvince(t *testing.T, s *testServer) {
	feature := func(code, name, coords string) string {
		return `{"type":"Feature","properties":{"code":"` + code + `","name":"` + name + `"},"geometry":{"type":"Polygon","coordinates":` + coords + `}}`
	}
	file := `{"type":"FeatureCollection","features":[` + strings.Join([]string{
		feature("32", "江苏省", `[[[119.9,31.9],[120.9,31.9],[120.9,32.2],[119.9,32.2],[119.9,31.9]]]`),
		feature("3206", "南通市", `[[[120,32],[120.4,32],[120.4,32.1],[120,32.1],[120,32]]]`),
		feature("3207", "连云港市", `[[[120.5,32],[120.8,32],[120.8,32.1],[120.5,32.1],[120.5,32]]]`),
	}, ",") + `]}`
	s.upload(t, "boundaries", "province.geojson", []byte(file), 201, nil)

	var levels struct {
		Items []struct {
			Name       string
			CodeLength int `json:"code_length"`
		}
		Default string `json:"default_level"`
		Roots   []struct{ Code, Name string }
	}
	s.get(t, "/api/v1/levels", 200, &levels)
	if len(levels.Items) != 5 || levels.Items[0].Name != "province" || levels.Items[0].CodeLength != 2 ||
		levels.Default != "city" || len(levels.Roots) != 1 || levels.Roots[0].Code != "32" || levels.Roots[0].Name != "江苏省" {
		t.Errorf("levels = %+v", levels)
	}
	var r region
	s.get(t, "/api/v1/regions/3206", 200, &r)
	if r.Parent != "32" || r.Population != 4000 {
		t.Errorf("the city under the province: %+v (its population kept)", r)
	}

	var obs struct{ Items []observation }
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&period=2013", 200, &obs)
	if len(obs.Items) != 2 || obs.Items[0].Code != "3206" || *obs.Items[0].Value != 8.5 || obs.Items[1].Value != nil {
		t.Errorf("the cities by default: %+v", obs.Items)
	}
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&period=2013&level=province", 200, &obs)
	if len(obs.Items) != 1 || obs.Items[0].Code != "32" || *obs.Items[0].Value != 8.5 {
		t.Errorf("the province: %+v", obs.Items)
	}
	var sc scorecard
	s.get(t, "/api/v1/compare?parent=32&period=2013", 200, &sc)
	if sc.Level != "city" || len(sc.Rows) != 2 || sc.Rows[0].Code != "3206" || sc.Rows[1].Code != "3207" {
		t.Errorf("cities compared: level %s rows %+v", sc.Level, sc.Rows)
	}
	var ch struct{ Items []struct{ Code string } }
	s.get(t, "/api/v1/choropleth?indicator=registered_volunteers&period=2013", 200, &ch)
	if len(ch.Items) != 2 {
		t.Errorf("choropleth of the cities: %+v", ch.Items)
	}

	if resp := s.do(t, "GET", "/tiles/province/6/53/25.mvt", s.token, "", nil, 200, nil); resp.Header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" {
		t.Errorf("province tile: %s", resp.Header.Get("Content-Type"))
	}
	var cols struct{ Collections []struct{ ID string } }
	s.get(t, "/ogc/collections", 200, &cols)
	if len(cols.Collections) < 2 || cols.Collections[0].ID != "provinces" || cols.Collections[1].ID != "cities" {
		t.Errorf("collections %+v", cols.Collections)
	}
	var items struct{ NumberMatched int }
	s.get(t, "/ogc/collections/provinces/items", 200, &items)
	if items.NumberMatched != 1 {
		t.Errorf("provinces: %d features", items.NumberMatched)
	}

	// A viewer scoped to the province sees both cities; one scoped to the
	// second city sees only it.
	whole := s.addUser(t, "sheng", auth.Viewer, "32")
	s.do(t, http.MethodGet, "/api/v1/compare?parent=32&period=2013", whole, "", nil, 200, &sc)
	if len(sc.Rows) != 2 {
		t.Errorf("province-scoped comparison: %+v", sc.Rows)
	}
	city := s.addUser(t, "lyg", auth.Viewer, "3207")
	s.do(t, http.MethodGet, "/api/v1/regions/3206", city, "", nil, 404, nil)
}
