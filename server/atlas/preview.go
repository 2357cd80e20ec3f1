package atlas

import (
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The preview is bounded so that a 36,000-region file still answers a
// small document: the first maxPreviewFeatures changed records, and no
// more than maxPreviewVertices points in all, coordinates to six places
// (about 0.1 m). The change list says how many there are beyond it.
const (
	maxPreviewFeatures = 1000
	maxPreviewVertices = 150_000
)

// previewOf draws what the change list names: each new or changed
// region, grid or facility with its new geometry ("new", "changed"), a
// changed one's stored geometry as well ("before"), and for observations
// the regions whose values change. Rows outside the writer's region carry
// outside=true. Unchanged records are left out: the map shows them.
func previewOf(s *analytics.Snapshot, cs *store.Changeset, ch *Changes, outside []Outside) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	out := map[string]bool{}
	for _, o := range outside {
		out[o.Kind+" "+o.Key] = true
	}
	incoming := newGeometries(cs)
	b := budget{vertices: maxPreviewVertices}
	drawn := map[string]bool{}
	for _, c := range ch.Items {
		if len(fc.Features) >= maxPreviewFeatures {
			break
		}
		status := "changed"
		if c.New {
			status = "new"
		}
		geom, ok := incoming[c.Kind+" "+c.Key]
		if c.Kind == "observation" {
			var code string
			code, geom, ok = observedRegion(s, c.Key)
			ok = ok && !drawn[code] // one outline a region, however many of its values change
			drawn[code], status = true, "values"
		}
		if !ok || !b.take(geom) {
			continue
		}
		props := geojson.Properties{"kind": c.Kind, "key": c.Key, "name": c.Name, "status": status, "outside": out[c.Kind+" "+c.Key]}
		if before, ok := storedGeometry(s, c); ok && status == "changed" && b.take(before) {
			fc.Append(feature(before, props, "before"))
		}
		fc.Append(feature(geom, props, status))
	}
	return fc
}

func feature(g orb.Geometry, props geojson.Properties, status string) *geojson.Feature {
	f := geojson.NewFeature(orb.Round(orb.Clone(g), 1e6))
	f.Properties = props.Clone()
	f.Properties["status"] = status
	return f
}

// budget counts the points the preview may still hold.
type budget struct{ vertices int }

func (b *budget) take(g orb.Geometry) bool {
	n := vertices(g)
	if n > b.vertices {
		return false
	}
	b.vertices -= n
	return true
}

func vertices(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.Ring:
		return len(g)
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += vertices(p)
		}
		return n
	}
	return 0
}

// newGeometries are the changeset's geometries by "kind key".
func newGeometries(cs *store.Changeset) map[string]orb.Geometry {
	m := map[string]orb.Geometry{}
	for _, r := range cs.Regions {
		m["region "+r.Code] = r.Geometry
	}
	for _, f := range cs.Facilities {
		m["facility "+f.ID] = f.Point
	}
	for _, g := range cs.Grids {
		m["grid "+g.Code] = g.Geometry
	}
	return m
}

func storedGeometry(s *analytics.Snapshot, c Change) (orb.Geometry, bool) {
	switch c.Kind {
	case "region":
		if r, ok := s.Region(c.Key); ok {
			return r.Geometry, true
		}
	case "facility":
		if f, ok := s.Facility(c.Key); ok {
			return f.Point, true
		}
	case "grid":
		if g, ok := s.Grid(c.Key); ok {
			return g.Geometry, true
		}
	}
	return nil, false
}

// observedRegion is the region an observation's key
// (indicator/region/period) names, and its boundary.
func observedRegion(s *analytics.Snapshot, key string) (string, orb.Geometry, bool) {
	parts := strings.Split(key, "/")
	if len(parts) != 3 {
		return "", nil, false
	}
	r, ok := s.Region(parts[1])
	if !ok {
		return "", nil, false
	}
	return r.Code, r.Geometry, true
}
