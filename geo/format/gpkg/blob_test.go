package gpkg

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// blob builds a geometry blob by hand: the header with the given flags and
// srs_id in the flags' byte order, n envelope doubles, then big-endian WKB
// (the WKB says its own byte order, whatever the header's).
func blob(t *testing.T, flags byte, n int, g orb.Geometry) []byte {
	t.Helper()
	var order binary.AppendByteOrder = binary.BigEndian
	if flags&1 == 1 {
		order = binary.LittleEndian
	}
	b := []byte{'G', 'P', 0, flags}
	b = order.AppendUint32(b, 4528)
	for i := 0; i < n; i++ {
		b = order.AppendUint64(b, 0x4059000000000000) // 100.0, never read
	}
	w, err := wkb.Marshal(g, binary.BigEndian)
	if err != nil {
		t.Fatal(err)
	}
	return append(b, w...)
}

// Every envelope size and both header byte orders decode to the geometry.
func TestDecodeGeometry(t *testing.T) {
	line := orb.LineString{{40575595.5, 3542132.25}, {40580320.125, 3542168.5}}
	for _, c := range []struct {
		flags byte
		n     int
	}{{0x00, 0}, {0x01, 0}, {0x02, 4}, {0x03, 4}, {0x05, 6}, {0x06, 6}, {0x09, 8}} {
		g, err := decodeGeometry(blob(t, c.flags, c.n, line))
		if err != nil {
			t.Fatalf("flags %#x: %v", c.flags, err)
		}
		if got, ok := g.(orb.LineString); !ok || !orb.Equal(got, line) {
			t.Errorf("flags %#x: %v", c.flags, g)
		}
	}
}

func TestDecodeGeometryErrors(t *testing.T) {
	pt := orb.Point{1, 2}
	empty, err := decodeGeometry(blob(t, 0x11, 0, pt))
	if err != nil || empty != nil {
		t.Errorf("empty flag: %v, %v", empty, err)
	}
	version := blob(t, 0x01, 0, pt)
	version[2] = 1
	for _, c := range []struct {
		b    []byte
		want string
	}{
		{[]byte("GP"), "no GP header"},
		{version, "version 1"},
		{blob(t, 0x21, 0, pt), "extended"},
		{blob(t, 0x0b, 0, pt), "envelope indicator 5"},
		{blob(t, 0x09, 0, pt)[:30], "ends inside its 72-byte header"},
		{blob(t, 0x01, 0, pt)[:12], "WKB"},
	} {
		if _, err := decodeGeometry(c.b); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("% x: error %v, want %q", c.b, err, c.want)
		}
	}
}
