package server_test

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"testing"

	"github.com/community-atlas/atlas/internal/golden"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/encoding/wkt"
	"github.com/paulmach/orb/maptile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Tiles of every layer over the fixture, decoded and compared with
// testdata/tiles/<layer>-<z>-<x>-<y>.json. The fixture's boxes keep the
// files small, and its hand-made features make them independent of the
// generated seed data; the layers' clipping at the tile edge, the ids, and
// the properties each layer carries are what the files pin down.
func TestTilesGolden(t *testing.T) {
	s := newServer(t, fixture())
	for _, c := range []struct {
		layer string
		at    orb.Point
		z     maptile.Zoom
	}{
		{"county", orb.Point{120.1, 32.05}, 8},
		{"township", orb.Point{120.1, 32.05}, 10},
		{"community", orb.Point{120.1, 32.05}, 12},
		{"facility", orb.Point{120.1, 32.05}, 10},
		{"grid", orb.Point{120.05, 32.05}, 12},
		{"isochrone", orb.Point{120.05, 32.05}, 10},
	} {
		tl := maptile.At(c.at, c.z)
		path := fmt.Sprintf("/tiles/%s/%d/%d/%d.mvt", c.layer, tl.Z, tl.X, tl.Y)
		status, layers, _ := fetchTile(t, s, path)
		if status != 200 {
			t.Errorf("%s: status %d", path, status)
			continue
		}
		name := fmt.Sprintf("tiles/%s-%d-%d-%d.json", c.layer, tl.Z, tl.X, tl.Y)
		golden.Check(t, name, golden.Marshal(t, tileDoc(layers)), *update)
	}
}

// decodedLayer is a tile layer as a reader sees it: geometry in tile units
// (0–4096, y down, as WKT), features in a stable order.
type decodedLayer struct {
	Name     string           `json:"name"`
	Version  uint32           `json:"version"`
	Extent   uint32           `json:"extent"`
	Features []decodedFeature `json:"features"`
}

type decodedFeature struct {
	ID         any            `json:"id"`
	Properties map[string]any `json:"properties"`
	Geometry   string         `json:"geometry"`
}

// tileDoc orders layers by name and features by id, then by properties:
// the encoder keeps the order of its R-tree search, which the golden files
// should not depend on.
func tileDoc(layers mvt.Layers) []decodedLayer {
	var out []decodedLayer
	for _, l := range layers {
		dl := decodedLayer{Name: l.Name, Version: l.Version, Extent: l.Extent}
		for _, f := range l.Features {
			dl.Features = append(dl.Features, decodedFeature{ID: f.ID, Properties: f.Properties, Geometry: wkt.MarshalString(f.Geometry)})
		}
		slices.SortFunc(dl.Features, func(a, b decodedFeature) int {
			return cmp.Or(cmp.Compare(sortID(a.ID), sortID(b.ID)), cmp.Compare(propsKey(a), propsKey(b)))
		})
		out = append(out, dl)
	}
	slices.SortFunc(out, func(a, b decodedLayer) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// sortID is a feature's id as a number, -1 without one (the decoder reads
// ids as float64).
func sortID(id any) float64 {
	if n, ok := id.(float64); ok {
		return n
	}
	return -1
}

func propsKey(f decodedFeature) string {
	b, _ := json.Marshal(f.Properties)
	return string(b)
}
