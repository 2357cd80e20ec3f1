package gridcov

import (
	"cmp"
	"slices"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// residualGaps reads the gaps straight from what tiles left in scratch, the
// residual chain R = ∂C − Σ∂Gᵢ of community C and its grids Gᵢ, when that
// is simple enough to be sure of; otherwise ok is false and the caller
// overlays.
//
// It is sure when R is a set of rings, every edge used once in its own
// direction and no vertex left by two edges, all of them counter-clockwise,
// that together make a valid multipolygon P. Then ∂(1_C − Σ1_Gᵢ) = ∂1_P,
// so 1_C − Σ1_Gᵢ = 1_P almost everywhere, and since Σ1_Gᵢ ≥ 0 ≥ 1_C − 1:
// inside P the community has no grid, outside P every point of the
// community has exactly one grid and every point outside it none. P is the
// gaps; nothing overlaps and nothing lies outside. This is the common case
// of one grid missing from a community its grids otherwise tile.
func residualGaps(scratch edgeSum) (gaps orb.MultiPolygon, ok bool) {
	next := make(map[orb.Point]orb.Point, len(scratch))
	for e, m := range scratch {
		a, b := orb.Point{e[0], e[1]}, orb.Point{e[2], e[3]}
		switch m {
		case 1:
		case -1:
			a, b = b, a
		default:
			return nil, false
		}
		if _, dup := next[a]; dup {
			return nil, false
		}
		next[a] = b
	}
	// Start rings at their least vertex, so the answer does not depend on
	// map order.
	starts := make([]orb.Point, 0, len(next))
	for p := range next {
		starts = append(starts, p)
	}
	slices.SortFunc(starts, func(a, b orb.Point) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	for _, start := range starts {
		if _, open := next[start]; !open {
			continue // on a ring walked already
		}
		ring := orb.Ring{start}
		for p := start; ; {
			q, ok := next[p]
			if !ok {
				return nil, false // an edge ends where none starts: not a ring
			}
			delete(next, p)
			ring = append(ring, q)
			if q == start {
				break
			}
			p = q
		}
		if shoelace(ring) <= 0 {
			return nil, false
		}
		gaps = append(gaps, orb.Polygon{ring})
	}
	if geo.Validate(gaps) != nil {
		return nil, false
	}
	return gaps, true
}
