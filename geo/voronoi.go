package geo

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Voronoi partitions bound among sites: cell i is the convex polygon of the
// points of bound at least as near (in the plane of the coordinates) to
// sites[i] as to any other site. Cells are computed exactly by clipping
// bound with the perpendicular bisectors, nearest sites first, stopping once
// no farther site can reach the cell.
//
// A vertex shared by neighbouring cells is computed separately for each, so
// its copies can differ in the last bits; Voronoi merges copies closer than
// a billionth of the bound's size into one coordinate, so neighbouring cells
// share their edges bit for bit and the cells tile bound without slivers.
// Overlay operations on the cells then see the shared edges as identical.
//
// The result has one polygon per site, a closed counter-clockwise ring; a
// site that repeats an earlier one, or whose cell misses bound, gets nil.
// The plane is that of the coordinates: to partition lon/lat by ground
// distance, scale longitudes by the cosine of the latitude first.
func Voronoi(sites []orb.Point, bound orb.Bound) []orb.Polygon {
	cells := make([][]orb.Point, len(sites))
	seen := make(map[orb.Point]bool, len(sites))
	order := make([]int, len(sites))
	for i := range order {
		order[i] = i
	}
	for i, s := range sites {
		if seen[s] {
			continue
		}
		seen[s] = true
		cells[i] = voronoiCell(i, sites, order, bound)
	}
	return shareVertices(cells, bound)
}

// voronoiCell clips bound to the half-planes nearer sites[i] than each other
// site. others is scratch space holding the site indices.
func voronoiCell(i int, sites []orb.Point, others []int, bound orb.Bound) []orb.Point {
	s := sites[i]
	dist2 := func(j int) float64 {
		dx, dy := sites[j][0]-s[0], sites[j][1]-s[1]
		return dx*dx + dy*dy
	}
	slices.SortStableFunc(others, func(a, b int) int { return cmp.Compare(dist2(a), dist2(b)) })
	cell := []orb.Point{
		bound.Min, {bound.Max[0], bound.Min[1]}, bound.Max, {bound.Min[0], bound.Max[1]},
	}
	for _, j := range others {
		if j == i || sites[j] == s {
			continue
		}
		// A site farther than twice the farthest corner of the cell cannot
		// cut it, and the sites are sorted by distance.
		var r2 float64
		for _, p := range cell {
			dx, dy := p[0]-s[0], p[1]-s[1]
			r2 = max(r2, dx*dx+dy*dy)
		}
		if dist2(j) > 4*r2 {
			break
		}
		cell = clipHalfPlane(cell, s, sites[j])
		if len(cell) < 3 {
			return nil
		}
	}
	return cell
}

// clipHalfPlane keeps the part of the convex polygon cell nearer to s than
// to t.
func clipHalfPlane(cell []orb.Point, s, t orb.Point) []orb.Point {
	mx, my := (s[0]+t[0])/2, (s[1]+t[1])/2
	dx, dy := t[0]-s[0], t[1]-s[1]
	f := func(p orb.Point) float64 { return (p[0]-mx)*dx + (p[1]-my)*dy }
	out := make([]orb.Point, 0, len(cell)+1)
	n := len(cell)
	for k := range n {
		p, q := cell[k], cell[(k+1)%n]
		fp, fq := f(p), f(q)
		if fp <= 0 {
			out = append(out, p)
		}
		if (fp < 0 && fq > 0) || (fp > 0 && fq < 0) {
			u := fp / (fp - fq)
			out = append(out, orb.Point{p[0] + u*(q[0]-p[0]), p[1] + u*(q[1]-p[1])})
		}
	}
	return out
}

// shareVertices merges near-identical vertices across cells into the first
// copy met (in cell order, so the result is deterministic), drops the
// repeats and closes the rings.
func shareVertices(cells [][]orb.Point, bound orb.Bound) []orb.Polygon {
	tol := 1e-9 * max(bound.Max[0]-bound.Min[0], bound.Max[1]-bound.Min[1])
	if tol == 0 {
		tol = 1e-12
	}
	type key struct{ x, y int64 }
	grid := make(map[key][]orb.Point)
	canon := func(p orb.Point) orb.Point {
		kx, ky := int64(math.Floor(p[0]/tol)), int64(math.Floor(p[1]/tol))
		for ix := kx - 1; ix <= kx+1; ix++ {
			for iy := ky - 1; iy <= ky+1; iy++ {
				for _, q := range grid[key{ix, iy}] {
					if math.Abs(q[0]-p[0]) <= tol && math.Abs(q[1]-p[1]) <= tol {
						return q
					}
				}
			}
		}
		grid[key{kx, ky}] = append(grid[key{kx, ky}], p)
		return p
	}
	out := make([]orb.Polygon, len(cells))
	for i, c := range cells {
		if c == nil {
			continue
		}
		r := make(orb.Ring, 0, len(c)+1)
		for _, p := range c {
			p = canon(p)
			if len(r) == 0 || r[len(r)-1] != p {
				r = append(r, p)
			}
		}
		for len(r) > 1 && r[len(r)-1] == r[0] {
			r = r[:len(r)-1]
		}
		if len(r) < 3 {
			continue
		}
		out[i] = orb.Polygon{append(r, r[0])}
	}
	return out
}
