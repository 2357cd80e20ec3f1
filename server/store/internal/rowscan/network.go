package rowscan

import (
	"fmt"

	"github.com/community-atlas/atlas/geo/network"
	"github.com/paulmach/orb/encoding/wkb"
)

// Network reads a row of name, source, node_data, segment_data, walk,
// bicycle, car, homes: a network's parts as geo/network encodes them.
func Network(r Scanner) (*network.Network, error) {
	var (
		name, source string
		p            network.Parts
	)
	err := r.Scan(&name, &source, &p.Nodes, &p.Segments,
		&p.Graphs[network.Walk], &p.Graphs[network.Bicycle], &p.Graphs[network.Car], &p.Homes)
	if err != nil {
		return nil, err
	}
	n, err := network.Decode(name, source, p)
	if err != nil {
		return nil, fmt.Errorf("network %s: %w", name, err)
	}
	return n, nil
}

// NetworkRow returns what a store writes for n: the values of the networks
// table's columns but the batch and the bounding box — name, source, nodes,
// segments, extent (WKB Polygon), node_data, segment_data, walk, bicycle,
// car, homes — and the box's minx, miny, maxx, maxy, for the store that
// keeps one. Reading and writing the parts here keeps their order in one
// place.
func NetworkRow(n *network.Network) (row, box []any, err error) {
	b := n.Bound()
	extent, err := wkb.Marshal(b.ToPolygon())
	if err != nil {
		return nil, nil, fmt.Errorf("network %s: extent: %w", n.Name, err)
	}
	p := n.Encode()
	row = []any{n.Name, n.Source, int64(len(n.Lon)), int64(n.Segments.Len()), extent, p.Nodes, p.Segments,
		p.Graphs[network.Walk], p.Graphs[network.Bicycle], p.Graphs[network.Car], p.Homes}
	return row, []any{b.Min.X(), b.Min.Y(), b.Max.X(), b.Max.Y()}, nil
}
