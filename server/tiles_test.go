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

// The tiles' content is pinned by TestTilesGolden; this test covers the
// HTTP side: headers, revalidation, empty tiles and bad addresses.
func TestTiles(t *testing.T) {
	s := newServer(t, fixture())
	// The tile at z12 holding the urban community's middle.
	tl := maptile.At(orb.Point{120.05, 32.05}, 12)
	path := fmt.Sprintf("/tiles/community/%d/%d/%d.mvt", tl.Z, tl.X, tl.Y)
	status, layers, h := fetchTile(t, s, path)
	if status != 200 || len(layers) != 1 || layers[0].Name != "community" {
		t.Fatalf("%s: status %d layers %v", path, status, layers)
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
