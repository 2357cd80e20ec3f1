package network

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// Network is the road network of one OSM extract: junctions (nodes), the
// road pieces between them (segments, with their geometry), one graph per
// mode over them, and the homes mapped in the extract.
type Network struct {
	Name   string // the key it is stored under
	Source string // the file it was read from

	// Lon and Lat place node i.
	Lon, Lat []float64
	Segments Segments
	Graphs   [NumModes]Graph
	// Homes are dwellings mapped in the extract (buildings of residential
	// types, as points; a building outline by the mean of its nodes).
	Homes []orb.Point

	indexOnce sync.Once
	index     *segIndex
	costs     [NumModes]segCosts
}

// segCosts are the cost of each segment From→To (fwd) and To→From (bwd)
// in one mode's graph, +Inf where the graph has no such edge.
type segCosts struct {
	once     sync.Once
	fwd, bwd []float64
}

// Segments are the road pieces between junctions, each a polyline along an
// OSM way, stored column-wise.
type Segments struct {
	From, To []uint32  // end nodes; the geometry runs from From to To
	Length   []float64 // metres, along the geometry
	// Segment s's geometry is the points Start[s] … Start[s+1]-1 of Lon
	// and Lat, From's position first and To's last.
	Start    []uint32
	Lon, Lat []float64
}

// Len is the number of segments.
func (s *Segments) Len() int { return len(s.From) }

// Points returns segment i's geometry.
func (s *Segments) Points(i int) orb.LineString {
	a, b := s.Start[i], s.Start[i+1]
	ls := make(orb.LineString, b-a)
	for k := range ls {
		ls[k] = orb.Point{s.Lon[int(a)+k], s.Lat[int(a)+k]}
	}
	return ls
}

// Graph is one mode's directed graph in compressed sparse row form: the
// edges leaving node u are Offsets[u] … Offsets[u+1]-1, each to Targets[e]
// in Costs[e] seconds along segment Segs[e] (forwards when the segment's
// From is u). Only the largest strongly connected component is kept.
type Graph struct {
	Mode    Mode
	Offsets []uint32
	Targets []uint32
	Costs   []float64
	Segs    []uint32
	Dropped Dropped
}

// Dropped is what keeping the largest strongly connected component left
// out of a mode's graph: nodes, directed edges and road length (km) that
// were open to the mode but not in the component, and their shares.
type Dropped struct {
	Nodes     int     `json:"nodes"`
	Edges     int     `json:"edges"`
	LengthKM  float64 `json:"length_km"`
	NodeShare float64 `json:"node_share"`
	EdgeShare float64 `json:"edge_share"`
}

// NumNodes is the number of nodes the graph is over (all of the network's,
// most without edges in some modes).
func (g *Graph) NumNodes() int { return max(len(g.Offsets)-1, 0) }

// NumEdges is the number of directed edges.
func (g *Graph) NumEdges() int { return len(g.Targets) }

// segCosts returns the cost of each segment From→To and To→From in mode
// m's graph, +Inf where the graph has no such edge; computed on first use.
func (n *Network) segCosts(m Mode) (fwd, bwd []float64) {
	g, c := &n.Graphs[m], &n.costs[m]
	c.once.Do(func() {
		ns := n.Segments.Len()
		c.fwd, c.bwd = make([]float64, ns), make([]float64, ns)
		for i := range ns {
			c.fwd[i], c.bwd[i] = math.Inf(1), math.Inf(1)
		}
		for u := range g.NumNodes() {
			for e := g.Offsets[u]; e < g.Offsets[u+1]; e++ {
				s := g.Segs[e]
				if n.Segments.From[s] == uint32(u) {
					c.fwd[s] = min(c.fwd[s], g.Costs[e])
				} else {
					c.bwd[s] = min(c.bwd[s], g.Costs[e])
				}
			}
		}
	})
	return c.fwd, c.bwd
}

// Summary describes a network in figures.
type Summary struct {
	Name     string                `json:"name"`
	Source   string                `json:"source"`
	Nodes    int                   `json:"nodes"`
	Segments int                   `json:"segments"`
	LengthKM float64               `json:"length_km"`
	Homes    int                   `json:"homes"`
	Bound    [4]float64            `json:"bbox"`
	Modes    map[string]ModeFigure `json:"modes"`
}

// ModeFigure describes one mode's graph.
type ModeFigure struct {
	Nodes    int     `json:"nodes"`
	Edges    int     `json:"edges"`
	LengthKM float64 `json:"length_km"`
	Dropped  Dropped `json:"dropped"`
}

// Bound is the bounding box of the network's geometry.
func (n *Network) Bound() orb.Bound {
	if len(n.Segments.Lon) == 0 {
		return orb.Bound{}
	}
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for i := range n.Segments.Lon {
		b = b.Extend(orb.Point{n.Segments.Lon[i], n.Segments.Lat[i]})
	}
	return b
}

// Summary returns the network's figures.
func (n *Network) Summary() Summary {
	b := n.Bound()
	s := Summary{Name: n.Name, Source: n.Source, Nodes: len(n.Lon), Segments: n.Segments.Len(),
		Homes: len(n.Homes), Bound: [4]float64{b.Min.X(), b.Min.Y(), b.Max.X(), b.Max.Y()},
		Modes: map[string]ModeFigure{}}
	for _, l := range n.Segments.Length {
		s.LengthKM += l / 1000
	}
	for _, m := range Modes {
		g := &n.Graphs[m]
		f := ModeFigure{Edges: g.NumEdges(), Dropped: g.Dropped}
		for u := range g.NumNodes() {
			if g.Offsets[u+1] > g.Offsets[u] {
				f.Nodes++
			}
		}
		fwd, bwd := n.segCosts(m)
		for i, l := range n.Segments.Length {
			if !math.IsInf(fwd[i], 1) || !math.IsInf(bwd[i], 1) {
				f.LengthKM += l / 1000
			}
		}
		s.Modes[m.String()] = f
	}
	return s
}
