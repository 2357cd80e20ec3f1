package server_test

import (
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
)

// fetchTile returns a tile's status and decoded layers.
func fetchTile(t *testing.T, s *testServer, path string) (int, mvt.Layers, http.Header) {
	t.Helper()
	resp, err := s.client().Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return resp.StatusCode, nil, resp.Header
	}
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return resp.StatusCode, layers, resp.Header
}

func TestTiles(t *testing.T) {
	s := newServer(t, fixture())
	// The tile at z12 holding the urban community's middle.
	tl := maptile.At(orb.Point{120.05, 32.05}, 12)
	path := fmt.Sprintf("/tiles/community/%d/%d/%d.mvt", tl.Z, tl.X, tl.Y)
	status, layers, h := fetchTile(t, s, path)
	if status != 200 || len(layers) != 1 || layers[0].Name != "community" {
		t.Fatalf("%s: status %d layers %v", path, status, layers)
	}
	codes := map[string]map[string]any{}
	for _, f := range layers[0].Features {
		codes[fmt.Sprint(f.Properties["code"])] = f.Properties
	}
	if p := codes["320612001001"]; p == nil || p["kind"] != "urban" || p["parent"] != "320612001" || p["name"] != "甲社区居委会" {
		t.Errorf("tile features %v", codes)
	}
	if h.Get("Content-Type") != "application/vnd.mapbox-vector-tile" || h.Get("ETag") == "" {
		t.Errorf("headers %v", h)
	}
	// Revalidation.
	req, _ := http.NewRequest("GET", s.URL+path, nil)
	req.Header.Set("If-None-Match", h.Get("ETag"))
	resp, err := s.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d", resp.StatusCode)
	}
	// Facilities are points with their type.
	_, layers, _ = fetchTile(t, s, fmt.Sprintf("/tiles/facility/%d/%d/%d.mvt", tl.Z, tl.X, tl.Y))
	if len(layers) != 1 || layers[0].Features[0].Properties["type"] != "health_station" {
		t.Errorf("facility tile %v", layers)
	}
	// A tile with nothing in it, then impossible and malformed addresses.
	for p, want := range map[string]int{
		"/tiles/community/12/0/0.mvt":    204,
		"/tiles/community/12/4096/0.mvt": 404,
		"/tiles/community/23/0/0.mvt":    404,
		"/tiles/community/1/a/0.mvt":     400,
		"/tiles/community/1/0/0.png":     400,
		"/tiles/roads/1/0/0.mvt":         404,
		"/tiles/county.json":             200,
		"/tiles/roads.json":              404,
	} {
		resp, err := s.client().Get(s.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if status := resp.StatusCode; status != want {
			t.Errorf("%s: %d, want %d", p, status, want)
		}
	}
	// The health circle's merged isochrones, as tiles too: on the fixture
	// (no road network) a straight-line estimate around the health station.
	status, layers, _ = fetchTile(t, s, fmt.Sprintf("/tiles/isochrone/%d/%d/%d.mvt", tl.Z, tl.X, tl.Y))
	if status != 200 || len(layers) != 1 || layers[0].Name != "isochrone" || layers[0].Features[0].Properties["estimate"] != true {
		t.Errorf("isochrone tile: %d %v", status, layers)
	} else if p := layers[0].Features[0].Properties; p["minutes"] != 15.0 || p["facilities"] != 1.0 {
		t.Errorf("isochrone tile properties %v", p)
	}
	var tj struct {
		TileJSON string
		Tiles    []string
		Bounds   [4]float64
	}
	s.get(t, "/tiles/grid.json", 200, &tj)
	if tj.TileJSON != "3.0.0" || len(tj.Tiles) != 1 || tj.Bounds != [4]float64{120, 32, 120.4, 32.1} {
		t.Errorf("tilejson %+v", tj)
	}
}
