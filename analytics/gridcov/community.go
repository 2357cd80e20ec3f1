package gridcov

import (
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// overlapTolerance is how much larger, relatively, the grids' summed area
// may be than their union's before overlaps are looked for pair by pair:
// far above the rounding of geo.Area (about 1e-12), far below any overlap
// worth drawing (a billionth of a square kilometre is a millimetre square).
const overlapTolerance = 1e-9

// measure computes the coverage of community r by its grids. scratch is
// reused between calls by one goroutine; a nil scratch skips the exact
// tiling test and overlays every community (the baseline it is tested and
// benchmarked against).
func measure(r *analytics.Region, grids []*analytics.Grid, scratch edgeSum) (Community, error) {
	c := Community{Code: r.Code, AreaM2: geo.Area(r.Geometry), Households: r.Households, Grids: make([]Grid, len(grids))}
	geoms := make([]orb.MultiPolygon, len(grids))
	for i, g := range grids {
		c.Grids[i] = Grid{Code: g.Code, Households: g.Households, Worker: g.Worker, AreaM2: geo.Area(g.Geometry)}
		geoms[i] = g.Geometry
	}
	if len(grids) == 0 {
		c.addGaps(r.Geometry)
		return c, nil
	}
	if scratch != nil {
		if tiles(r.Geometry, geoms, scratch) {
			c.CoveredM2 = c.AreaM2
			return c, nil
		}
		if gaps, ok := residualGaps(scratch); ok {
			c.addGaps(gaps)
			return c, nil
		}
	}
	if err := c.overlay(r.Geometry, geoms); err != nil {
		return Community{}, fmt.Errorf("gridcov: community %s: %w", r.Code, err)
	}
	return c, nil
}

// overlay measures a community its grids do not tile exactly.
func (c *Community) overlay(region orb.MultiPolygon, geoms []orb.MultiPolygon) error {
	union, err := geo.UnionAll(geoms)
	if err != nil {
		return err
	}
	gaps, err := geo.Difference(region, union)
	if err != nil {
		return err
	}
	c.addGaps(gaps)
	if err := c.outside(region, union, geoms); err != nil {
		return err
	}
	var sum float64
	for _, g := range c.Grids {
		sum += g.AreaM2
	}
	if sum-geo.Area(union) > overlapTolerance*sum {
		return c.overlaps(region, geoms)
	}
	return nil
}

// addGaps records each polygon of gaps as a gap, and the covered area as
// what the gaps leave of the community.
func (c *Community) addGaps(gaps orb.MultiPolygon) {
	for _, p := range gaps {
		a := geo.PolygonArea(p)
		if a <= 0 {
			continue
		}
		c.Gaps = append(c.Gaps, Gap{Geometry: p, AreaM2: a, Households: c.share(a) * float64(c.Households)})
		c.GapM2 += a
	}
	c.CoveredM2 = max(0, c.AreaM2-c.GapM2)
}

// share is a of the community's area.
func (c *Community) share(a float64) float64 {
	if c.AreaM2 <= 0 {
		return 0
	}
	return a / c.AreaM2
}

// outside measures the part of each grid outside the community. Only grids
// meeting the part of the union outside it can have any.
func (c *Community) outside(region, union orb.MultiPolygon, geoms []orb.MultiPolygon) error {
	out, err := geo.Difference(union, region)
	if err != nil || len(out) == 0 {
		return err
	}
	b := out.Bound()
	for i, g := range geoms {
		if !g.Bound().Intersects(b) {
			continue
		}
		d, err := geo.Difference(g, region)
		if err != nil {
			return fmt.Errorf("grid %s: %w", c.Grids[i].Code, err)
		}
		c.Grids[i].OutsideM2 = geo.Area(d)
	}
	return nil
}

// overlaps finds the pairs of grids whose interiors meet, and the part of
// the community in two or more grids.
func (c *Community) overlaps(region orb.MultiPolygon, geoms []orb.MultiPolygon) error {
	var shared []orb.MultiPolygon
	for i := range geoms {
		bi := geoms[i].Bound()
		for j := i + 1; j < len(geoms); j++ {
			if !bi.Intersects(geoms[j].Bound()) {
				continue
			}
			x, err := geo.Intersection(geoms[i], geoms[j])
			if err != nil {
				return fmt.Errorf("grids %s and %s: %w", c.Grids[i].Code, c.Grids[j].Code, err)
			}
			if a := geo.Area(x); a > 0 {
				c.Overlaps = append(c.Overlaps, Overlap{A: c.Grids[i].Code, B: c.Grids[j].Code, Geometry: x, AreaM2: a})
				shared = append(shared, x)
			}
		}
	}
	if len(shared) == 0 {
		return nil
	}
	all, err := geo.UnionAll(shared)
	if err != nil {
		return err
	}
	inside, err := geo.Intersection(all, region)
	if err != nil {
		return err
	}
	c.OverlapM2 = geo.Area(inside)
	return nil
}
