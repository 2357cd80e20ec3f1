package tile_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/community-atlas/atlas/geo/tile"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
)

func decode(t *testing.T, data []byte) map[string]*mvt.Layer {
	t.Helper()
	ls, err := mvt.Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*mvt.Layer{}
	for _, l := range ls {
		out[l.Name] = l
	}
	return out
}

// TestProjectionMatchesOrb compares the projection with orb's own
// (mvt.Layer.ProjectToTile) on random points inside random tiles.
func TestProjectionMatchesOrb(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 200; i++ {
		z := maptile.Zoom(r.IntN(16))
		p := orb.Point{120 + r.Float64()*2, 31 + r.Float64()*2}
		tl := maptile.At(p, z)
		data, err := tile.Encode(tl, tile.Layer{Name: "p", Features: []*tile.Feature{tile.NewFeature(nil, nil, p)}})
		if err != nil || data == nil {
			t.Fatalf("encode: %v", err)
		}
		got := decode(t, data)["p"].Features[0].Geometry.(orb.Point)
		ref := mvt.NewLayer("p", geojson.NewFeatureCollection().Append(geojson.NewFeature(p)))
		ref.ProjectToTile(tl)
		want := ref.Features[0].Geometry.(orb.Point)
		if math.Abs(got[0]-want[0]) > 1 || math.Abs(got[1]-want[1]) > 1 {
			t.Fatalf("z%d %v: %v, orb says %v", z, p, got, want)
		}
	}
}

func TestEncodeClipsAndKeepsProperties(t *testing.T) {
	// Tile 1/1/0 spans lon 0–180 and lat 0–85.05. A square from lon 90–270
	// (beyond the antimeridian, so it must be clipped at the buffer) and
	// lat 10–20.
	sq := orb.Polygon{{{90, 10}, {200, 10}, {200, 20}, {90, 20}, {90, 10}}}
	f := tile.NewFeature(uint64(320612), geojson.Properties{"code": "320612", "name": "通州区"}, sq)
	tl := maptile.New(1, 0, 1)
	data, err := tile.Encode(tl, tile.Layer{Name: "county", Features: []*tile.Feature{f}})
	if err != nil {
		t.Fatal(err)
	}
	l := decode(t, data)["county"]
	if l == nil || len(l.Features) != 1 {
		t.Fatalf("layers %v", l)
	}
	got := l.Features[0]
	if got.Properties["name"] != "通州区" || fmt.Sprint(got.ID) != "320612" {
		t.Errorf("properties %v id %v", got.Properties, got.ID)
	}
	b := got.Geometry.Bound()
	// x: lon 90 → 2048; the east side is cut at the buffer, 4096 + 64.
	if b.Min[0] != 2048 || b.Max[0] != tile.Extent+tile.Buffer {
		t.Errorf("x range %v–%v, want 2048–%d", b.Min[0], b.Max[0], tile.Extent+tile.Buffer)
	}
	// The input is untouched.
	if sq[0][1] != (orb.Point{200, 10}) {
		t.Errorf("input changed: %v", sq)
	}
}

func TestEncodeEmpty(t *testing.T) {
	f := tile.NewFeature(nil, nil, orb.Polygon{{{120, 32}, {121, 32}, {121, 33}, {120, 33}, {120, 32}}})
	data, err := tile.Encode(maptile.New(0, 0, 3), tile.Layer{Name: "x", Features: []*tile.Feature{f}})
	if err != nil || data != nil {
		t.Errorf("tile far away: %d bytes, %v; want none", len(data), err)
	}
}

func TestParse(t *testing.T) {
	if _, err := tile.Parse(2, 3, 3); err != nil {
		t.Error(err)
	}
	for _, c := range [][3]int{{-1, 0, 0}, {23, 0, 0}, {2, 4, 0}, {2, 0, -1}} {
		if _, err := tile.Parse(c[0], c[1], c[2]); err == nil {
			t.Errorf("%v accepted", c)
		}
	}
}
