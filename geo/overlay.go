package geo

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// ToSF converts mp to a simplefeatures geometry, closing any open ring. It
// does not validate: call Validate for that.
func ToSF(mp orb.MultiPolygon) geom.Geometry {
	polys := make([]geom.Polygon, 0, len(mp))
	for _, p := range mp {
		rings := make([]geom.LineString, 0, len(p))
		for _, r := range p {
			if len(r) == 0 {
				continue
			}
			flat := make([]float64, 0, 2*len(r)+2)
			for _, pt := range r {
				flat = append(flat, pt[0], pt[1])
			}
			if r[0] != r[len(r)-1] {
				flat = append(flat, r[0][0], r[0][1])
			}
			rings = append(rings, geom.NewLineString(geom.NewSequence(flat, geom.DimXY)))
		}
		if len(rings) > 0 {
			polys = append(polys, geom.NewPolygon(rings))
		}
	}
	return geom.NewMultiPolygon(polys).AsGeometry()
}

// FromSF converts the polygonal parts of g to an orb multipolygon: points
// and lines, which an overlay of polygons can leave where inputs touch, are
// dropped. Shells come out counter-clockwise and holes clockwise.
func FromSF(g geom.Geometry) orb.MultiPolygon {
	var mp orb.MultiPolygon
	var walk func(g geom.Geometry)
	walk = func(g geom.Geometry) {
		switch g.Type() {
		case geom.TypePolygon:
			if p := fromSFPolygon(g.MustAsPolygon()); p != nil {
				mp = append(mp, p)
			}
		case geom.TypeMultiPolygon:
			m := g.MustAsMultiPolygon()
			for i := 0; i < m.NumPolygons(); i++ {
				if p := fromSFPolygon(m.PolygonN(i)); p != nil {
					mp = append(mp, p)
				}
			}
		case geom.TypeGeometryCollection:
			c := g.MustAsGeometryCollection()
			for i := 0; i < c.NumGeometries(); i++ {
				walk(c.GeometryN(i))
			}
		}
	}
	walk(g)
	return Orient(mp)
}

func fromSFPolygon(p geom.Polygon) orb.Polygon {
	if p.IsEmpty() {
		return nil
	}
	out := make(orb.Polygon, 0, p.NumRings())
	for _, ls := range p.DumpRings() {
		seq := ls.Coordinates()
		r := make(orb.Ring, seq.Length())
		for i := range r {
			xy := seq.GetXY(i)
			r[i] = orb.Point{xy.X, xy.Y}
		}
		out = append(out, r)
	}
	return out
}

// Intersection is the part of a that is also in b.
func Intersection(a, b orb.MultiPolygon) (orb.MultiPolygon, error) {
	return overlay("intersection", geom.Intersection, a, b)
}

// Union is the part of the plane in a or b or both.
func Union(a, b orb.MultiPolygon) (orb.MultiPolygon, error) {
	return overlay("union", geom.Union, a, b)
}

// Difference is the part of a that is not in b.
func Difference(a, b orb.MultiPolygon) (orb.MultiPolygon, error) {
	return overlay("difference", geom.Difference, a, b)
}

// UnionAll is the union of all of mps, each of which must be valid.
func UnionAll(mps []orb.MultiPolygon) (orb.MultiPolygon, error) {
	gs := make([]geom.Geometry, 0, len(mps))
	for _, mp := range mps {
		if len(mp) > 0 {
			gs = append(gs, ToSF(mp))
		}
	}
	g, err := unionSF(gs)
	if err != nil {
		return nil, fmt.Errorf("geo: union of %d multipolygons: %w", len(gs), err)
	}
	return FromSF(g), nil
}

// unionSF unions valid geometries pairwise, in a balanced tree of two-operand
// unions. simplefeatures' own UnionMany overlays a collection as a single
// operand, which mislabels faces where several of its members overlap: six
// grid cells, one enlarged over its five neighbours, came out with the
// enlarged cell's own part as a hole (testdata/overlapping_cells.json). Two
// valid operands are always labelled right, and the balanced tree keeps the
// cost near that of a single overlay.
func unionSF(gs []geom.Geometry) (geom.Geometry, error) {
	switch len(gs) {
	case 0:
		return geom.Geometry{}, nil
	case 1:
		return geom.UnaryUnion(gs[0])
	}
	for len(gs) > 1 {
		next := make([]geom.Geometry, 0, (len(gs)+1)/2)
		for i := 0; i+1 < len(gs); i += 2 {
			u, err := geom.Union(gs[i], gs[i+1])
			if err != nil {
				return geom.Geometry{}, err
			}
			next = append(next, u)
		}
		if len(gs)%2 == 1 {
			next = append(next, gs[len(gs)-1])
		}
		gs = next
	}
	return gs[0], nil
}

func overlay(name string, op func(a, b geom.Geometry) (geom.Geometry, error), a, b orb.MultiPolygon) (orb.MultiPolygon, error) {
	g, err := op(ToSF(a), ToSF(b))
	if err != nil {
		return nil, fmt.Errorf("geo: %s: %w", name, err)
	}
	return FromSF(g), nil
}
