package shp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// The shape types of the Technical Description; the Z and M variants
// (type + 10, type + 20) begin with the same X, Y layout, so they are read
// as their plain type and their Z and M values dropped.
const (
	shpNull       = 0
	shpPolyLine   = 3
	shpMultiPoint = 8
	shpMultiPatch = 31
)

// shape is one record of a .shp file: its geometry, nil for a null shape.
type shape struct {
	geom orb.Geometry
}

// readShapes reads every record of a .shp file in order. Records are read
// one after another from the 100-byte header on, as the format lays them
// out; the .shx index is not needed for that.
func readShapes(name string, data []byte) ([]shape, error) {
	if len(data) < 100 {
		return nil, errorf(name, 0, "", "%d bytes, shorter than the 100-byte header", len(data))
	}
	if code := binary.BigEndian.Uint32(data); code != 9994 {
		return nil, errorf(name, 0, "", "not a .shp file (file code %d, not 9994)", code)
	}
	end := len(data)
	if n := int(binary.BigEndian.Uint32(data[24:])) * 2; n >= 100 && n < end {
		end = n // bytes after the declared length are not records
	}
	var out []shape
	for off := 100; off < end; {
		rec := len(out) + 1
		if end-off < 8 {
			return nil, errorf(name, rec, "", "truncated: %d bytes left for an 8-byte record header", end-off)
		}
		n := int(binary.BigEndian.Uint32(data[off+4:])) * 2
		if n < 4 || n > end-off-8 {
			return nil, errorf(name, rec, "", "truncated: the record holds %d bytes but %d are left", n, end-off-8)
		}
		g, err := readShape(data[off+8 : off+8+n])
		if err != nil {
			return nil, errorf(name, rec, "", "%s", err)
		}
		out = append(out, shape{geom: g})
		off += 8 + n
	}
	return out, nil
}

// readShape decodes one record's content.
func readShape(b []byte) (orb.Geometry, error) {
	kind := int(binary.LittleEndian.Uint32(b))
	base := kind
	if kind > 10 && kind < shpMultiPatch {
		base = kind % 10
	}
	c := cursor{b: b, off: 4}
	switch {
	case kind == shpNull:
		return nil, nil
	case base == 1:
		p := c.point()
		return p, c.err
	case base == shpMultiPoint:
		c.skip(32) // bounding box
		n := c.count("points")
		mp := make(orb.MultiPoint, 0, min(n, c.left()/16))
		for i := 0; i < n && c.err == nil; i++ {
			mp = append(mp, c.point())
		}
		return mp, c.err
	case base == shpPolyLine, base == 5:
		parts, err := c.parts()
		if err != nil {
			return nil, err
		}
		if base == shpPolyLine {
			return lines(parts), nil
		}
		return polygon(parts)
	}
	return nil, fmt.Errorf("unknown shape type %d", kind)
}

var errTruncated = errors.New("truncated: the shape needs more bytes than the record holds")

// cursor reads little-endian values from a record, remembering the first
// overrun.
type cursor struct {
	b   []byte
	off int
	err error
}

func (c *cursor) left() int { return len(c.b) - c.off }

// skip moves on n bytes; past the end it stops there and records that the
// record is truncated, so that left never goes negative.
func (c *cursor) skip(n int) {
	if c.left() < n {
		if c.err == nil {
			c.err = errTruncated
		}
		c.off = len(c.b)
		return
	}
	c.off += n
}

func (c *cursor) float() float64 {
	if c.skip(8); c.err != nil {
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(c.b[c.off-8:]))
}

func (c *cursor) point() orb.Point { return orb.Point{c.float(), c.float()} }

// count reads a count of things that must fit in the record.
func (c *cursor) count(what string) int {
	if c.skip(4); c.err != nil {
		return 0
	}
	n := int(int32(binary.LittleEndian.Uint32(c.b[c.off-4:])))
	if n < 0 || n > c.left() {
		c.err = fmt.Errorf("%d %s do not fit in the record", n, what)
		return 0
	}
	return n
}

// parts reads the parts of a polyline or polygon as point lists.
func (c *cursor) parts() ([][]orb.Point, error) {
	c.skip(32)
	nParts, nPoints := c.count("parts"), c.count("points")
	if c.err != nil {
		return nil, c.err
	}
	starts := make([]int, 0, min(nParts, c.left()/4))
	for i := 0; i < nParts && c.err == nil; i++ {
		c.skip(4)
		if c.err == nil {
			starts = append(starts, int(int32(binary.LittleEndian.Uint32(c.b[c.off-4:]))))
		}
	}
	if c.err == nil && c.left() < 16*nPoints {
		c.err = fmt.Errorf("truncated: %d points do not fit in the record", nPoints)
	}
	if c.err != nil {
		return nil, c.err
	}
	pts := make([]orb.Point, nPoints)
	for i := range pts {
		pts[i] = c.point()
	}
	out := make([][]orb.Point, len(starts))
	for i, s := range starts {
		e := nPoints
		if i+1 < len(starts) {
			e = starts[i+1]
		}
		if s < 0 || s > e || e > nPoints {
			return nil, fmt.Errorf("part %d starts at point %d, outside the record's %d points", i+1, s, nPoints)
		}
		out[i] = pts[s:e]
	}
	return out, nil
}

// lines makes a polyline's parts a line string, or a multi-line string
// when there are several.
func lines(parts [][]orb.Point) orb.Geometry {
	if len(parts) == 1 {
		return orb.LineString(parts[0])
	}
	ml := make(orb.MultiLineString, len(parts))
	for i, p := range parts {
		ml[i] = p
	}
	return ml
}
