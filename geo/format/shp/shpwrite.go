package shp

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Shape types of the ESRI Shapefile Technical Description (1998).
const (
	shpPoint   = 1
	shpPolygon = 5
)

// shpWriter builds the .shp and .shx files of one layer.
type shpWriter struct {
	kind     int32
	shp, shx bytes.Buffer
	bound    orb.Bound
	n        int
}

func newShpWriter(kind int32) *shpWriter {
	w := &shpWriter{kind: kind}
	w.shp.Write(make([]byte, 100)) // header, filled in by finish
	w.shx.Write(make([]byte, 100))
	return w
}

// add appends one geometry as the next record.
func (w *shpWriter) add(g orb.Geometry) error {
	var content bytes.Buffer
	le := func(v any) { _ = binary.Write(&content, binary.LittleEndian, v) }
	le(w.kind)
	switch w.kind {
	case shpPoint:
		p, ok := g.(orb.Point)
		if !ok {
			return fmt.Errorf("a %s in a point shapefile", g.GeoJSONType())
		}
		le(p[0])
		le(p[1])
	case shpPolygon:
		rings, err := shpRings(g)
		if err != nil {
			return err
		}
		b := g.Bound()
		le([4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]})
		le(int32(len(rings)))
		total := 0
		for _, r := range rings {
			total += len(r)
		}
		le(int32(total))
		start := int32(0)
		for _, r := range rings {
			le(start)
			start += int32(len(r))
		}
		for _, r := range rings {
			for _, p := range r {
				le(p[0])
				le(p[1])
			}
		}
	}
	w.n++
	if w.n == 1 {
		w.bound = g.Bound()
	} else {
		w.bound = w.bound.Union(g.Bound())
	}
	offset := w.shp.Len() / 2
	be := func(buf *bytes.Buffer, v int32) { _ = binary.Write(buf, binary.BigEndian, v) }
	be(&w.shp, int32(w.n))
	be(&w.shp, int32(content.Len()/2))
	w.shp.Write(content.Bytes())
	be(&w.shx, int32(offset))
	be(&w.shx, int32(content.Len()/2))
	return nil
}

// shpRings lists a polygon's rings as the format wants them: outer rings
// clockwise, holes counter-clockwise.
func shpRings(g orb.Geometry) ([]orb.Ring, error) {
	var polys []orb.Polygon
	switch t := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{t}
	case orb.MultiPolygon:
		polys = t
	default:
		return nil, fmt.Errorf("a %s in a polygon shapefile", g.GeoJSONType())
	}
	var out []orb.Ring
	for _, p := range polys {
		for i, r := range p {
			r = append(orb.Ring(nil), r...)
			if len(r) > 0 && !r.Closed() {
				r = append(r, r[0])
			}
			if clockwise := signedArea(r) < 0; clockwise != (i == 0) {
				r.Reverse()
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// signedArea is the shoelace area: positive for counter-clockwise rings.
func signedArea(r orb.Ring) float64 {
	a := 0.0
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a / 2
}

// finish writes both headers and returns the .shp and .shx bytes.
func (w *shpWriter) finish() (shp, shx []byte) {
	shp, shx = w.shp.Bytes(), w.shx.Bytes()
	for _, f := range []struct {
		buf []byte
	}{{shp}, {shx}} {
		h := f.buf[:100]
		binary.BigEndian.PutUint32(h[0:], 9994)
		binary.BigEndian.PutUint32(h[24:], uint32(len(f.buf)/2))
		binary.LittleEndian.PutUint32(h[28:], 1000)
		binary.LittleEndian.PutUint32(h[32:], uint32(w.kind))
		for i, v := range []float64{w.bound.Min[0], w.bound.Min[1], w.bound.Max[0], w.bound.Max[1]} {
			binary.LittleEndian.PutUint64(h[36+8*i:], math.Float64bits(v))
		}
	}
	return shp, shx
}
