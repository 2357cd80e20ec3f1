package network

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Snap is a point placed on the nearest segment of a mode's graph.
type Snap struct {
	Seg   uint32
	Frac  float64   // position along the segment by length: 0 at From, 1 at To
	Dist  float64   // metres from the point to the road: the off-network leg
	Point orb.Point // the place on the road
	At    orb.Point // the point that was snapped
}

// segIndex is a uniform grid over the network's bounding box; each cell
// lists the segments with a piece whose bounding box meets the cell.
type segIndex struct {
	minLon, minLat float64
	cellLon        float64 // degrees
	cellLat        float64
	cellM          float64 // the smaller side of a cell, in metres
	nx, ny         int
	start          []uint32 // cell c's segments are ids[start[c]:start[c+1]]
	ids            []uint32
}

// cellTarget is the side of an index cell in metres, and maxCells caps the
// number of cells for a very large network (cells grow instead).
const (
	cellTarget = 200.0
	maxCells   = 1 << 22
)

func metresPerDegree() float64 { return EarthRadius * math.Pi / 180 }

func (n *Network) segIndex() *segIndex {
	n.indexOnce.Do(func() { n.index = buildIndex(&n.Segments, n.Bound()) })
	return n.index
}

func buildIndex(seg *Segments, b orb.Bound) *segIndex {
	midLat := (b.Min.Lat() + b.Max.Lat()) / 2
	cosLat := math.Max(math.Cos(midLat*math.Pi/180), 0.01)
	x := &segIndex{minLon: b.Min.Lon(), minLat: b.Min.Lat()}
	side := cellTarget
	for {
		x.cellLat = side / metresPerDegree()
		x.cellLon = x.cellLat / cosLat
		x.nx = int((b.Max.Lon()-b.Min.Lon())/x.cellLon) + 1
		x.ny = int((b.Max.Lat()-b.Min.Lat())/x.cellLat) + 1
		if x.nx*x.ny <= maxCells {
			break
		}
		side *= 2
	}
	// The cells near the pole-ward edge are narrowest in metres.
	edgeLat := math.Max(math.Abs(b.Min.Lat()), math.Abs(b.Max.Lat()))
	x.cellM = math.Min(side, x.cellLon*metresPerDegree()*math.Cos(edgeLat*math.Pi/180))
	var pairs []uint64 // cell << 32 | segment
	for s := range seg.Len() {
		first := len(pairs)
		for k := seg.Start[s]; k+1 < seg.Start[s+1]; k++ {
			x0, y0 := x.cell(seg.Lon[k], seg.Lat[k])
			x1, y1 := x.cell(seg.Lon[k+1], seg.Lat[k+1])
			for cy := min(y0, y1); cy <= max(y0, y1); cy++ {
				for cx := min(x0, x1); cx <= max(x0, x1); cx++ {
					pairs = append(pairs, uint64(cy*x.nx+cx)<<32|uint64(s))
				}
			}
		}
		slices.Sort(pairs[first:])
		pairs = append(pairs[:first], slices.Compact(pairs[first:])...)
	}
	slices.Sort(pairs)
	x.start = make([]uint32, x.nx*x.ny+1)
	x.ids = make([]uint32, len(pairs))
	for i, p := range pairs {
		x.start[p>>32+1]++
		x.ids[i] = uint32(p)
	}
	for c := range x.nx * x.ny {
		x.start[c+1] += x.start[c]
	}
	return x
}

// beyond reports whether p lies more than d metres outside the grid's
// bounds, and so farther than d from every segment: a point of another
// city is turned away at once instead of searching rings of cells.
func (x *segIndex) beyond(p orb.Point, d float64) bool {
	k := metresPerDegree()
	maxLon, maxLat := x.minLon+float64(x.nx)*x.cellLon, x.minLat+float64(x.ny)*x.cellLat
	dy := math.Max(math.Max(x.minLat-p.Lat(), p.Lat()-maxLat), 0) * k
	// Degrees of longitude are shortest pole-ward, at the grid's edge or p.
	lat := math.Max(math.Max(math.Abs(x.minLat), math.Abs(maxLat)), math.Abs(p.Lat()))
	cos := math.Cos(math.Min(lat, 89.9) * math.Pi / 180)
	dx := math.Max(math.Max(x.minLon-p.Lon(), p.Lon()-maxLon), 0) * k * cos
	return math.Max(dx, dy) > d
}

// cell returns the cell of a point, clamped to the grid.
func (x *segIndex) cell(lon, lat float64) (int, int) {
	cx := int(math.Floor((lon - x.minLon) / x.cellLon))
	cy := int(math.Floor((lat - x.minLat) / x.cellLat))
	return min(max(cx, 0), x.nx-1), min(max(cy, 0), x.ny-1)
}

// Snap places p on the nearest segment usable in mode m, if one lies within
// maxDist metres. Distances are measured in a plane tangent at p
// (equirectangular), exact enough over the few hundred metres a snap spans.
func (n *Network) Snap(m Mode, p orb.Point, maxDist float64) (Snap, bool) {
	if n.Segments.Len() == 0 {
		return Snap{}, false
	}
	x := n.segIndex()
	if x.beyond(p, maxDist) {
		return Snap{}, false
	}
	fwd, bwd := n.segCosts(m)
	cx, cy := x.cell(p.Lon(), p.Lat())
	best, bestD := -1, math.Inf(1)
	for r := 0; ; r++ {
		// Every cell of ring r+1 and beyond lies at least r cells away.
		if float64(r-1)*x.cellM > math.Min(bestD, maxDist) {
			break
		}
		if r > x.nx && r > x.ny {
			break
		}
		x.ring(cx, cy, r, func(s uint32) {
			if math.IsInf(fwd[s], 1) && math.IsInf(bwd[s], 1) {
				return
			}
			if d := n.segDist(int(s), p); d < bestD || d == bestD && int(s) < best {
				best, bestD = int(s), d
			}
		})
	}
	if best < 0 || bestD > maxDist {
		return Snap{}, false
	}
	frac, q := n.project(best, p)
	return Snap{Seg: uint32(best), Frac: frac, Dist: Haversine(p, q), Point: q, At: p}, true
}

// ring calls f for each segment listed in the cells at Chebyshev distance r
// from (cx, cy).
func (x *segIndex) ring(cx, cy, r int, f func(uint32)) {
	visit := func(ix, iy int) {
		if ix < 0 || iy < 0 || ix >= x.nx || iy >= x.ny {
			return
		}
		c := iy*x.nx + ix
		for _, s := range x.ids[x.start[c]:x.start[c+1]] {
			f(s)
		}
	}
	if r == 0 {
		visit(cx, cy)
		return
	}
	for ix := cx - r; ix <= cx+r; ix++ {
		visit(ix, cy-r)
		visit(ix, cy+r)
	}
	for iy := cy - r + 1; iy <= cy+r-1; iy++ {
		visit(cx-r, iy)
		visit(cx+r, iy)
	}
}
