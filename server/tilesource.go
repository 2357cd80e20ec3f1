package server

import (
	"strconv"
	"sync"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/tile"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/tidwall/rtree"
)

// tileSources holds each layer's features projected for tiling, with an
// R-tree in the same coordinates, for the current snapshot version and each
// scope of it (users limited to a region read a restricted snapshot). A
// layer is projected on its first tile request: once per snapshot, not per
// tile.
type tileSources struct {
	mu      sync.Mutex
	version int64
	layers  map[string]*tileSource // by snapshot key and layer name
}

type tileSource struct {
	once     sync.Once
	features []*tile.Feature
	tree     rtree.RTreeG[int]
}

// layer returns the projected layer of snapshot s.
func (ts *tileSources) layer(s *analytics.Snapshot, name string, project func(*analytics.Snapshot, string) []*tile.Feature) *tileSource {
	ts.mu.Lock()
	if ts.layers == nil || ts.version != s.Version {
		ts.version, ts.layers = s.Version, map[string]*tileSource{}
	}
	key := s.Key() + " " + name
	src := ts.layers[key]
	if src == nil {
		src = &tileSource{}
		ts.layers[key] = src
	}
	ts.mu.Unlock()
	src.once.Do(func() {
		src.features = project(s, name)
		for i, f := range src.features {
			src.tree.Insert(f.Bound.Min, f.Bound.Max, i)
		}
	})
	return src
}

// search returns the features whose bounds meet b (unit Mercator).
func (src *tileSource) search(b orb.Bound) []*tile.Feature {
	var out []*tile.Feature
	src.tree.Search(b.Min, b.Max, func(_, _ [2]float64, i int) bool {
		out = append(out, src.features[i])
		return true
	})
	return out
}

// projectLayer builds a layer's tile features. They carry no indicator
// values: the client colours them by code, so one tile serves every
// indicator and period.
func projectLayer(s *analytics.Snapshot, layer string) []*tile.Feature {
	var out []*tile.Feature
	switch layer {
	case "facility":
		for _, f := range s.Facilities() {
			out = append(out, tile.NewFeature(nil, geojson.Properties{
				"id": f.ID, "type": string(f.Type), "name": f.Name, "region": f.Region}, f.Point))
		}
	case "grid":
		for _, g := range s.Grids() {
			out = append(out, tile.NewFeature(nil, geojson.Properties{
				"code": g.Code, "community": g.Community, "households": g.Households, "worker": g.Worker}, g.Geometry))
		}
	default:
		for _, r := range s.Select(analytics.Level(layer), "") {
			props := geojson.Properties{"code": r.Code, "name": r.Name, "parent": r.Parent}
			if r.Kind != "" {
				props["kind"] = string(r.Kind)
			}
			var id any
			if n, err := strconv.ParseUint(r.Code, 10, 64); err == nil {
				id = n // numeric ids let MapLibre keep feature state by code
			}
			out = append(out, tile.NewFeature(id, props, r.Geometry))
		}
	}
	return out
}
