package network

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// metresPerMilliDegree is 0.001° of longitude on the equator, or of
// latitude anywhere: 2π × 6371008.8 m / 360 / 1000.
const metresPerMilliDegree = 111.1950802335329

// osmXML writes an OSM XML document: nodes as "id lon lat [k=v …]", ways as
// "id n1,n2,… k=v …".
func osmXML(nodes, ways []string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<osm version="0.6">` + "\n")
	for _, n := range nodes {
		f := strings.Fields(n)
		fmt.Fprintf(&b, `<node id="%s" lon="%s" lat="%s">`, f[0], f[1], f[2])
		writeTags(&b, f[3:])
		b.WriteString("</node>\n")
	}
	for _, w := range ways {
		f := strings.Fields(w)
		fmt.Fprintf(&b, `<way id="%s">`, f[0])
		for _, ref := range strings.Split(f[1], ",") {
			fmt.Fprintf(&b, `<nd ref="%s"/>`, ref)
		}
		writeTags(&b, f[2:])
		b.WriteString("</way>\n")
	}
	b.WriteString("</osm>\n")
	return []byte(b.String())
}

func writeTags(b *strings.Builder, kvs []string) {
	for _, kv := range kvs {
		k, v, _ := strings.Cut(kv, "=")
		fmt.Fprintf(b, `<tag k="%s" v="%s"/>`, k, v)
	}
}

func mustRead(t *testing.T, data []byte) *Network {
	t.Helper()
	n, err := Read(context.Background(), "test", "test.osm", data)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.check(); err != nil {
		t.Fatal(err)
	}
	return n
}

// nodeAt returns the node at (lon, lat), failing if there is none.
func nodeAt(t *testing.T, n *Network, lon, lat float64) uint32 {
	t.Helper()
	for i := range n.Lon {
		if n.Lon[i] == lon && n.Lat[i] == lat {
			return uint32(i)
		}
	}
	t.Fatalf("no node at (%g, %g)", lon, lat)
	return 0
}

// edgeCosts returns the costs of the edges u→v in mode m, least first.
func edgeCosts(n *Network, m Mode, u, v uint32) []float64 {
	g := &n.Graphs[m]
	var out []float64
	for e := g.Offsets[u]; e < g.Offsets[u+1]; e++ {
		if g.Targets[e] == v {
			out = append(out, g.Costs[e])
		}
	}
	slices.Sort(out)
	return out
}

// The test town: a residential street 1–2–3–4 along the equator, a footway
// 3–5 north, a one-way primary 4→6 east that leads nowhere, a closed
// residential loop 4–8–9–10–4, a way through a missing node, and a house.
var town = osmXML([]string{
	"1 0 0", "2 0.001 0", "3 0.002 0", "4 0.003 0", "5 0.002 0.001", "6 0.004 0",
	"7 0.005 0", "8 0.003 -0.001", "9 0.004 -0.001", "10 0.004 -0.002",
	"11 0.0005 0.0005 building=house",
}, []string{
	"100 1,2,3,4 highway=residential",
	"101 3,5 highway=footway",
	"102 4,6 highway=primary oneway=yes",
	"103 6,99,7 highway=residential",
	"104 4,8,9,10,4 highway=residential",
	"105 1,2 highway=construction",
})

func TestBuildTown(t *testing.T) {
	n := mustRead(t, town)
	// Junctions: 1 and 4 (ends, and 4 shared), 3 (shared), 5, 6 (ends), 9
	// (middle of the loop); 2 is inside a segment, 7 on a piece of one node.
	if len(n.Lon) != 6 || n.Segments.Len() != 6 {
		t.Fatalf("%d nodes, %d segments; want 6 and 6", len(n.Lon), n.Segments.Len())
	}
	n1, n3, n4 := nodeAt(t, n, 0, 0), nodeAt(t, n, 0.002, 0), nodeAt(t, n, 0.003, 0)
	n5, n6, n9 := nodeAt(t, n, 0.002, 0.001), nodeAt(t, n, 0.004, 0), nodeAt(t, n, 0.004, -0.001)
	walkSpeed, carSpeed := WalkKmh/3.6, 25/3.6
	m := metresPerMilliDegree
	checks := []struct {
		m    Mode
		u, v uint32
		want []float64 // seconds, one per edge
	}{
		{Walk, n1, n3, []float64{2 * m / walkSpeed}},
		{Walk, n3, n1, []float64{2 * m / walkSpeed}},
		{Car, n1, n3, []float64{2 * m / carSpeed}},
		{Walk, n3, n5, []float64{m / walkSpeed}},
		{Car, n3, n5, nil},     // footway
		{Bicycle, n3, n5, nil}, // footway
		{Walk, n4, n6, []float64{m / walkSpeed}},
		{Car, n4, n6, nil}, // one-way into a dead end: outside the car's component
		// The loop, cut at node 9 into 4–8–9 and 9–10–4.
		{Car, n4, n9, []float64{2 * m / carSpeed, (1 + math.Sqrt(5)) * m / carSpeed}},
		{Car, n9, n4, []float64{2 * m / carSpeed, (1 + math.Sqrt(5)) * m / carSpeed}},
	}
	for _, c := range checks {
		got := edgeCosts(n, c.m, c.u, c.v)
		ok := len(got) == len(c.want)
		for i := 0; ok && i < len(got); i++ {
			ok = math.Abs(got[i]-c.want[i]) <= 1e-6*c.want[i]
		}
		if !ok {
			t.Errorf("%s edges %d→%d cost %v, want %v", c.m, c.u, c.v, got, c.want)
		}
	}
	if d := n.Graphs[Car].Dropped; d.Nodes != 1 || d.Edges != 1 || math.Abs(d.LengthKM-m/1000) > 1e-6*m/1000 {
		t.Errorf("car dropped %+v, want node 6 and its one edge", d)
	}
	if d := n.Graphs[Walk].Dropped; d.Nodes != 0 || d.Edges != 0 {
		t.Errorf("walk dropped %+v, want nothing", d)
	}
	if len(n.Homes) != 1 || n.Homes[0] != (orb.Point{0.0005, 0.0005}) {
		t.Errorf("homes %v", n.Homes)
	}
}

func TestBuildNothingUsable(t *testing.T) {
	data := osmXML([]string{"1 0 0", "2 0.001 0"}, []string{"1 1,2 highway=proposed", "2 1,2 building=yes"})
	if _, err := Read(context.Background(), "x", "x.osm", data); !errors.Is(err, ErrNoRoads) {
		t.Fatalf("err = %v, want ErrNoRoads", err)
	}
	if _, err := Read(context.Background(), "x", "x.txt", []byte("id,lon,lat\n")); !errors.Is(err, ErrFormat) {
		t.Fatalf("CSV: err = %v, want ErrFormat", err)
	}
	bad := osmXML([]string{"1 200 0"}, nil)
	if _, err := Read(context.Background(), "x", "x.osm", bad); err == nil || !strings.Contains(err.Error(), "node 1") {
		t.Fatalf("node out of range: err = %v", err)
	}
}

func TestDetectFormat(t *testing.T) {
	pbfHead := []byte{0, 0, 0, 0x0d, 0x0a, 0x09, 'O', 'S', 'M', 'H', 'e', 'a', 'd', 'e', 'r'}
	for _, c := range []struct {
		name string
		head []byte
		want Format
	}{
		{"a.bin", pbfHead, PBF},
		{"a", []byte("BZh91AY&SY"), XMLBzip2},
		{"a", []byte{0x1f, 0x8b, 8}, XMLGzip},
		{"a", []byte("\xef\xbb\xbf <?xml version"), XML},
		{"a", []byte("<osm version"), XML},
		{"Town.OSM.PBF", []byte("????"), PBF},
		{"town.osm.bz2", nil, XMLBzip2},
		{"town.osm", nil, XML},
	} {
		if got, err := DetectFormat(c.name, c.head); err != nil || got != c.want {
			t.Errorf("DetectFormat(%q, %q) = %v, %v; want %v", c.name, c.head, got, err, c.want)
		}
	}
	if _, err := DetectFormat("a.csv", []byte("a,b")); !errors.Is(err, ErrFormat) {
		t.Errorf("CSV detected as OSM: %v", err)
	}
}
