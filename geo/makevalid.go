package geo

import (
	"fmt"
	"sort"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// MakeValid repairs mp into a valid multipolygon covering, as near as the
// input allows, the same ground. It is meant for boundaries spoiled by
// coordinate quantisation, such as the county polygons of the Nantong seed:
// repeated points, spikes (A-B-A), rings that touch or cross themselves and
// edges that fold back over each other.
//
// Each ring is cleaned of repeated points and spikes, noded against itself
// (every crossing or touching becomes a vertex of both edges, computed once
// so that both carry identical coordinates) and cut into simple loops at its
// repeated vertices. A ring covers the points enclosed by an odd number of
// its loops — the even-odd rule of PostGIS ST_MakeValid's "linework" method
// — so both lobes of a bow-tie survive and a twisted strip keeps its far
// end, while a loop turned back inside the ring's main loop (the usual
// quantisation fault) cuts a hole: there the result has exactly the signed
// shoelace area of the raw ring. A polygon is its shell's cover minus the
// union of its holes' covers, and the result is the union of the polygons.
//
// A valid input is returned unchanged apart from ring orientation (see
// Orient).
func MakeValid(mp orb.MultiPolygon) (orb.MultiPolygon, error) {
	if Validate(mp) == nil {
		return Orient(mp.Clone()), nil
	}
	var parts []geom.Geometry
	for i, p := range mp {
		g, err := repairPolygon(p)
		if err != nil {
			return nil, fmt.Errorf("geo: repairing polygon %d: %w", i, err)
		}
		if !g.IsEmpty() {
			parts = append(parts, g)
		}
	}
	g, err := unionSF(parts)
	if err != nil {
		return nil, fmt.Errorf("geo: repairing: union of polygons: %w", err)
	}
	out := FromSF(g)
	if err := Validate(out); err != nil {
		return nil, fmt.Errorf("geo: repair left an invalid geometry: %w", err)
	}
	return out, nil
}

// repairPolygon is the valid area of one possibly invalid polygon.
func repairPolygon(p orb.Polygon) (geom.Geometry, error) {
	if len(p) == 0 {
		return geom.Geometry{}, nil
	}
	shell, err := ringCover(p[0])
	if err != nil {
		return geom.Geometry{}, fmt.Errorf("shell: %w", err)
	}
	var holes []geom.Geometry
	for i, h := range p[1:] {
		c, err := ringCover(h)
		if err != nil {
			return geom.Geometry{}, fmt.Errorf("hole %d: %w", i, err)
		}
		if !c.IsEmpty() {
			holes = append(holes, c)
		}
	}
	if len(holes) == 0 || shell.IsEmpty() {
		return shell, nil
	}
	h, err := unionSF(holes)
	if err != nil {
		return geom.Geometry{}, fmt.Errorf("union of holes: %w", err)
	}
	return geom.Difference(shell, h)
}

// maxRenode bounds how often a loop that is still not simple after noding
// (crossing points rounded onto a third edge) is noded again.
const maxRenode = 4

// ringCover is the valid polygonal area a possibly invalid ring encloses,
// by the even-odd rule over its simple loops.
func ringCover(r orb.Ring) (geom.Geometry, error) {
	loops, err := simpleLoops(openRing(r), maxRenode)
	if err != nil {
		return geom.Geometry{}, err
	}
	var cover geom.Geometry
	for _, l := range loops {
		g := ToSF(orb.MultiPolygon{{l}})
		if cover.IsEmpty() {
			cover, err = geom.UnaryUnion(g)
		} else {
			cover, err = geom.SymmetricDifference(cover, g)
		}
		if err != nil {
			return geom.Geometry{}, err
		}
	}
	return cover, nil
}

// simpleLoops cuts the open ring pts into simple closed loops.
func simpleLoops(pts []orb.Point, depth int) ([]orb.Ring, error) {
	pts = cleanRing(pts)
	if len(pts) < 3 {
		return nil, nil
	}
	var out []orb.Ring
	for _, l := range splitLoops(nodeRing(pts)) {
		l = cleanRing(l)
		if len(l) < 3 || planarSignedArea(orb.Ring(l)) == 0 {
			continue
		}
		if at, bad := selfIntersection(l); bad {
			if depth == 0 {
				return nil, fmt.Errorf("ring still crosses itself near %v after noding", at)
			}
			sub, err := simpleLoops(l, depth-1)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
			continue
		}
		out = append(out, append(orb.Ring(l), l[0]))
	}
	return out, nil
}

// openRing copies r without its closing point.
func openRing(r orb.Ring) []orb.Point {
	n := len(r)
	if n > 1 && r[0] == r[n-1] {
		n--
	}
	return append([]orb.Point(nil), r[:n]...)
}

// cleanRing removes consecutive repeated points and spikes (A-B-A, which
// collapses to A) from the open ring pts, treating it as cyclic.
func cleanRing(pts []orb.Point) []orb.Point {
	var st []orb.Point
	for _, p := range pts {
		st = pushClean(st, p)
	}
	// The seam: the ring wraps from the last point back to the first, where
	// the same collapses can happen.
	for len(st) >= 2 {
		n := len(st)
		switch {
		case st[n-1] == st[0]:
			st = st[:n-1]
		case n >= 3 && st[n-2] == st[0]:
			st = st[:n-2] // spike at the last point
		case n >= 3 && st[n-1] == st[1]:
			st = st[1 : n-1] // spike at the first point
		default:
			return st
		}
	}
	return st
}

// pushClean appends p to the cleaned prefix st. A spike is caught as its
// second A arrives, so nested spikes (A-B-C-B-A) collapse one by one.
func pushClean(st []orb.Point, p orb.Point) []orb.Point {
	n := len(st)
	switch {
	case n >= 1 && st[n-1] == p:
		return st
	case n >= 2 && st[n-2] == p:
		return st[:n-1] // A-B-A: drop B, keep the A already there
	default:
		return append(st, p)
	}
}

// nodeRing inserts into every edge of the open ring pts each point where
// another edge crosses or touches it.
func nodeRing(pts []orb.Point) []orb.Point {
	n := len(pts)
	cuts := make([][]orb.Point, n)
	ringPairs(pts, func(i, j int, sp segPair) bool {
		cuts[i] = append(cuts[i], sp.cutsA...)
		cuts[j] = append(cuts[j], sp.cutsB...)
		return true
	})
	out := make([]orb.Point, 0, n)
	for i, a := range pts {
		out = append(out, a)
		c := cuts[i]
		if len(c) == 0 {
			continue
		}
		b := pts[(i+1)%n]
		dx, dy := b[0]-a[0], b[1]-a[1]
		param := func(p orb.Point) float64 { return (p[0]-a[0])*dx + (p[1]-a[1])*dy }
		sort.SliceStable(c, func(x, y int) bool { return param(c[x]) < param(c[y]) })
		for _, p := range c {
			if p != out[len(out)-1] && p != b {
				out = append(out, p)
			}
		}
	}
	return out
}

// splitLoops cuts the open ring pts at its repeated vertices into loops in
// which no vertex repeats.
func splitLoops(pts []orb.Point) [][]orb.Point {
	var loops [][]orb.Point
	var st []orb.Point
	at := make(map[orb.Point]int, len(pts))
	for _, p := range pts {
		if k, ok := at[p]; ok {
			loops = append(loops, append([]orb.Point(nil), st[k:]...))
			for _, q := range st[k+1:] {
				delete(at, q)
			}
			st = st[:k+1]
			continue
		}
		at[p] = len(st)
		st = append(st, p)
	}
	return append(loops, st)
}

// selfIntersection reports a point where the open ring pts (without
// consecutive duplicates) touches or crosses itself.
func selfIntersection(pts []orb.Point) (orb.Point, bool) {
	var at orb.Point
	found := false
	ringPairs(pts, func(_, _ int, sp segPair) bool {
		at, found = sp.at, true
		return false
	})
	return at, found
}
