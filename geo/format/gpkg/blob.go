package gpkg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// gpkgGeometry encodes a geometry as a GeoPackage geometry blob (OGC
// 12-128r18, clause 2.1.3): the magic "GP", version 0, flags, the srs_id,
// an XY envelope, then little-endian WKB. Points carry no envelope (the
// spec allows it; the point is its own envelope).
func gpkgGeometry(g orb.Geometry, srsID int32) ([]byte, error) {
	var buf bytes.Buffer
	_, isPoint := g.(orb.Point)
	// flags: bit 0 little-endian; bits 1–3 envelope type (1 = minx,maxx,miny,maxy).
	flags := byte(0x01)
	if !isPoint {
		flags |= 0x01 << 1
	}
	buf.Write([]byte{'G', 'P', 0, flags})
	_ = binary.Write(&buf, binary.LittleEndian, srsID)
	if !isPoint {
		b := g.Bound()
		for _, v := range []float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
			_ = binary.Write(&buf, binary.LittleEndian, math.Float64bits(v))
		}
	}
	if err := wkb.NewEncoder(&buf).SetByteOrder(binary.LittleEndian).Encode(g); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// envelopeDoubles is the number of doubles in a blob's envelope, by the
// envelope indicator (flags bits 1–3): none, XY, XYZ, XYM, XYZM.
var envelopeDoubles = [8]int{0, 4, 6, 6, 8, -1, -1, -1}

// decodeGeometry reads a GeoPackage geometry blob: it checks the header,
// skips the envelope and decodes the WKB that follows. The header's srs_id
// is not needed: the geometry column declares the layer's. An empty
// geometry (flags bit 4) gives nil.
func decodeGeometry(b []byte) (orb.Geometry, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, errors.New("not a GeoPackage geometry blob (no GP header)")
	}
	if b[2] != 0 {
		return nil, fmt.Errorf("geometry blob version %d, not 0 (GeoPackage 1.x)", b[2])
	}
	flags := b[3]
	if flags&0x20 != 0 {
		return nil, errors.New("extended (non-standard) geometry type")
	}
	n := envelopeDoubles[(flags>>1)&7]
	if n < 0 {
		return nil, fmt.Errorf("invalid envelope indicator %d", (flags>>1)&7)
	}
	start := 8 + 8*n
	if len(b) < start {
		return nil, fmt.Errorf("blob of %d bytes ends inside its %d-byte header", len(b), start)
	}
	if flags&0x10 != 0 {
		return nil, nil
	}
	g, err := wkb.Unmarshal(b[start:])
	if err != nil {
		return nil, fmt.Errorf("WKB: %w", err)
	}
	return g, nil
}
