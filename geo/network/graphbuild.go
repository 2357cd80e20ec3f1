package network

import (
	"math"

	"github.com/paulmach/orb"
)

// builder cuts ways into segments and then makes each mode's graph.
type builder struct {
	e      *extract
	vertex []bool
	// Segments with their ends as node indexes of the extract, and the way
	// each comes from.
	from, to []int32
	wayOf    []int32
	length   []float64
	start    []uint32
	lon, lat []float64
	clipped  Stats
}

func newBuilder(e *extract, vertex []bool) *builder {
	return &builder{e: e, vertex: vertex, start: []uint32{0}}
}

// way adds the segments of way w, whose resolved node indexes are run.
func (b *builder) way(w int, run []int32) {
	run = dedupe(run)
	begin := -1 // index in run of the current segment's first node
	for k, i := range run {
		if i < 0 {
			begin = -1
			continue
		}
		if !b.vertex[i] {
			continue
		}
		if begin >= 0 {
			b.segment(w, run[begin:k+1])
		}
		begin = k
	}
}

func (b *builder) segment(w int, nodes []int32) {
	first := len(b.lon)
	prev := b.e.point(int(nodes[0]))
	length := 0.0
	for k, i := range nodes {
		p := b.e.point(int(i))
		if k > 0 {
			length += Haversine(prev, p)
		}
		b.lon, b.lat = append(b.lon, p.X()), append(b.lat, p.Y())
		prev = p
	}
	if !b.keep(b.lon[first:], b.lat[first:], length) {
		b.lon, b.lat = b.lon[:first], b.lat[:first]
		return
	}
	b.from = append(b.from, nodes[0])
	b.to = append(b.to, nodes[len(nodes)-1])
	b.wayOf = append(b.wayOf, int32(w))
	b.length = append(b.length, length)
	b.start = append(b.start, uint32(len(b.lon)))
}

// keep decides whether a segment meets the clip box, and counts it.
func (b *builder) keep(lon, lat []float64, length float64) bool {
	c := &b.clipped
	for k := range lon {
		p := orb.Point{lon[k], lat[k]}
		if c.Kept+c.Dropped == 0 && k == 0 {
			c.Extent = p.Bound()
		}
		c.Extent = c.Extent.Extend(p)
	}
	if b.e.clip == nil || meets(lon, lat, *b.e.clip) {
		c.Kept++
		c.KeptKM += length / 1000
		return true
	}
	c.Dropped++
	c.DroppedKM += length / 1000
	return false
}

// network numbers the nodes that segments use, in the order of their OSM
// ids, and builds the graphs.
func (b *builder) network() *Network {
	id := make([]int32, len(b.e.nodeID))
	for i := range id {
		id[i] = -1
	}
	for s := range b.from {
		id[b.from[s]], id[b.to[s]] = 0, 0
	}
	n := &Network{}
	for i := range id {
		if id[i] == 0 {
			id[i] = int32(len(n.Lon))
			p := b.e.point(i)
			n.Lon, n.Lat = append(n.Lon, p.X()), append(n.Lat, p.Y())
		}
	}
	seg := &n.Segments
	seg.From, seg.To = make([]uint32, len(b.from)), make([]uint32, len(b.to))
	for s := range b.from {
		seg.From[s], seg.To[s] = uint32(id[b.from[s]]), uint32(id[b.to[s]])
	}
	seg.Length, seg.Start, seg.Lon, seg.Lat = b.length, b.start, b.lon, b.lat
	for _, m := range Modes {
		n.Graphs[m] = b.graph(m, seg, len(n.Lon))
	}
	return n
}

// graph builds mode m's graph over nn nodes and keeps its largest strongly
// connected component.
func (b *builder) graph(m Mode, seg *Segments, nn int) Graph {
	var es edgeList
	for s := range seg.Len() {
		a := &b.e.acc[b.wayOf[s]]
		if a.fwd[m] {
			es.add(seg.From[s], seg.To[s], cost(m, seg.Length[s], a.carFwdKmh), uint32(s))
		}
		if a.bwd[m] {
			es.add(seg.To[s], seg.From[s], cost(m, seg.Length[s], a.carBwdKmh), uint32(s))
		}
	}
	keep := largestSCC(nn, es.from, es.to)
	g := Graph{Mode: m}
	g.Dropped = es.dropped(keep, seg)
	es = es.filter(keep)
	g.Offsets, g.Targets, g.Costs, g.Segs = es.csr(nn)
	return g
}

// cost is the time in seconds to travel length metres in mode m, at
// carKmh for the car.
func cost(m Mode, length, carKmh float64) float64 {
	kmh := carKmh
	switch m {
	case Walk:
		kmh = WalkKmh
	case Bicycle:
		kmh = BicycleKmh
	}
	return length / (kmh / 3.6)
}

// edgeList is a graph's directed edges before they are put in CSR form.
type edgeList struct {
	from, to, seg []uint32
	cost          []float64
}

func (l *edgeList) add(u, v uint32, c float64, s uint32) {
	l.from, l.to, l.cost, l.seg = append(l.from, u), append(l.to, v), append(l.cost, c), append(l.seg, s)
}

// dropped counts what is outside keep.
func (l *edgeList) dropped(keep []bool, seg *Segments) Dropped {
	var d Dropped
	inMode := map[uint32]bool{}
	kept := map[uint32]bool{}
	segKept := map[uint32]bool{}
	for e := range l.from {
		inMode[l.from[e]], inMode[l.to[e]] = true, true
		if keep[l.from[e]] && keep[l.to[e]] {
			kept[l.from[e]], kept[l.to[e]] = true, true
			segKept[l.seg[e]] = true
		} else {
			d.Edges++
		}
	}
	seen := map[uint32]bool{}
	for e := range l.from {
		if s := l.seg[e]; !segKept[s] && !seen[s] {
			seen[s] = true
			d.LengthKM += seg.Length[s] / 1000
		}
	}
	d.Nodes = len(inMode) - len(kept)
	if len(inMode) > 0 {
		d.NodeShare = float64(d.Nodes) / float64(len(inMode))
		d.EdgeShare = float64(d.Edges) / float64(len(l.from))
	}
	return d
}

// filter keeps the edges with both ends in keep.
func (l edgeList) filter(keep []bool) edgeList {
	var out edgeList
	for e := range l.from {
		if keep[l.from[e]] && keep[l.to[e]] {
			out.add(l.from[e], l.to[e], l.cost[e], l.seg[e])
		}
	}
	return out
}

// csr sorts the edges by their first node, keeping their order otherwise.
func (l edgeList) csr(nn int) (offsets, targets []uint32, costs []float64, segs []uint32) {
	offsets = make([]uint32, nn+1)
	for _, u := range l.from {
		offsets[u+1]++
	}
	for u := range nn {
		offsets[u+1] += offsets[u]
	}
	next := make([]uint32, nn)
	copy(next, offsets[:nn])
	targets, costs, segs = make([]uint32, len(l.from)), make([]float64, len(l.from)), make([]uint32, len(l.from))
	for e, u := range l.from {
		k := next[u]
		next[u]++
		targets[k], costs[k], segs[k] = l.to[e], l.cost[e], l.seg[e]
	}
	return offsets, targets, costs, segs
}

// EarthRadius is the mean radius of the earth in metres (IUGG).
const EarthRadius = 6371008.8

// Haversine is the great-circle distance between two lon/lat points in
// metres.
func Haversine(a, b orb.Point) float64 {
	const rad = math.Pi / 180
	dlat := (b.Lat() - a.Lat()) * rad
	dlon := (b.Lon() - a.Lon()) * rad
	s := math.Sin(dlat/2)*math.Sin(dlat/2) +
		math.Cos(a.Lat()*rad)*math.Cos(b.Lat()*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * EarthRadius * math.Asin(math.Sqrt(min(s, 1)))
}
