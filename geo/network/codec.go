package network

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Parts is a network encoded for storage, one blob per part: the nodes,
// the segments with their geometry, each mode's CSR arrays, the homes.
// Each blob is a sequence of arrays, each a one-byte element type ('f' for
// float64, 'u' for uint32), a uint64 element count and the elements, all
// little-endian.
type Parts struct {
	Nodes    []byte
	Segments []byte
	Graphs   [NumModes][]byte
	Homes    []byte
}

// ErrCorrupt is returned by Decode for blobs that do not make a network.
var ErrCorrupt = errors.New("network: corrupt encoding")

// Encode returns the network's parts.
func (n *Network) Encode() Parts {
	var p Parts
	p.Nodes = putF(putF(nil, n.Lon), n.Lat)
	s := &n.Segments
	p.Segments = putF(putF(putU(putF(putU(putU(nil, s.From), s.To), s.Length), s.Start), s.Lon), s.Lat)
	for m := range n.Graphs {
		g := &n.Graphs[m]
		d := g.Dropped
		dropped := []float64{float64(d.Nodes), float64(d.Edges), d.LengthKM, d.NodeShare, d.EdgeShare}
		p.Graphs[m] = putF(putU(putF(putU(putU(nil, g.Offsets), g.Targets), g.Costs), g.Segs), dropped)
	}
	lon, lat := make([]float64, len(n.Homes)), make([]float64, len(n.Homes))
	for i, h := range n.Homes {
		lon[i], lat[i] = h.Lon(), h.Lat()
	}
	p.Homes = putF(putF(nil, lon), lat)
	return p
}

// Decode rebuilds a network from its parts, checking that they fit
// together (array lengths, node and segment numbers in range, edges along
// their segments, costs finite and not negative).
func Decode(name, source string, p Parts) (*Network, error) {
	n := &Network{Name: name, Source: source}
	r := reader{b: p.Nodes}
	n.Lon, n.Lat = r.f(), r.f()
	if err := r.done("nodes"); err != nil {
		return nil, err
	}
	s := &n.Segments
	r = reader{b: p.Segments}
	s.From, s.To, s.Length, s.Start, s.Lon, s.Lat = r.u(), r.u(), r.f(), r.u(), r.f(), r.f()
	if err := r.done("segments"); err != nil {
		return nil, err
	}
	for m := range n.Graphs {
		g := &n.Graphs[m]
		r = reader{b: p.Graphs[m]}
		g.Mode = Mode(m)
		g.Offsets, g.Targets, g.Costs, g.Segs = r.u(), r.u(), r.f(), r.u()
		d := r.f()
		if err := r.done(Mode(m).String()); err != nil {
			return nil, err
		}
		if len(d) != 5 {
			return nil, fmt.Errorf("%w: %s: dropped figures", ErrCorrupt, Mode(m))
		}
		g.Dropped = Dropped{Nodes: int(d[0]), Edges: int(d[1]), LengthKM: d[2], NodeShare: d[3], EdgeShare: d[4]}
	}
	r = reader{b: p.Homes}
	lon, lat := r.f(), r.f()
	if err := r.done("homes"); err != nil {
		return nil, err
	}
	if len(lon) != len(lat) {
		return nil, fmt.Errorf("%w: homes: %d lon, %d lat", ErrCorrupt, len(lon), len(lat))
	}
	n.Homes = make([]orb.Point, len(lon))
	for i := range lon {
		n.Homes[i] = orb.Point{lon[i], lat[i]}
	}
	if err := n.check(); err != nil {
		return nil, err
	}
	return n, nil
}

func putU(b []byte, a []uint32) []byte {
	b = append(b, 'u')
	b = binary.LittleEndian.AppendUint64(b, uint64(len(a)))
	for _, x := range a {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	return b
}

func putF(b []byte, a []float64) []byte {
	b = append(b, 'f')
	b = binary.LittleEndian.AppendUint64(b, uint64(len(a)))
	for _, x := range a {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

// reader reads arrays from a blob, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) header(kind byte, size int) int {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 9 || r.b[0] != kind {
		r.err = fmt.Errorf("%w: expected an array of type %q", ErrCorrupt, kind)
		return 0
	}
	n := binary.LittleEndian.Uint64(r.b[1:9])
	if n > uint64(len(r.b)-9)/uint64(size) {
		r.err = fmt.Errorf("%w: array of %d elements in %d bytes", ErrCorrupt, n, len(r.b)-9)
		return 0
	}
	r.b = r.b[9:]
	return int(n)
}

func (r *reader) u() []uint32 {
	n := r.header('u', 4)
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(r.b[4*i:])
	}
	r.b = r.b[4*n:]
	return out
}

func (r *reader) f() []float64 {
	n := r.header('f', 8)
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(r.b[8*i:]))
	}
	r.b = r.b[8*n:]
	return out
}

func (r *reader) done(part string) error {
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("%w: %d bytes after the last array", ErrCorrupt, len(r.b))
	}
	if r.err != nil {
		return fmt.Errorf("%s: %w", part, r.err)
	}
	return nil
}
