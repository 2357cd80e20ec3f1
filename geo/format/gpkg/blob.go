package gpkg

import (
	"bytes"
	"encoding/binary"
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
