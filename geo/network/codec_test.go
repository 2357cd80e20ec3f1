package network

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"
)

// sameNetwork compares everything a network stores.
func sameNetwork(t *testing.T, got, want *Network) {
	t.Helper()
	if got.Name != want.Name || got.Source != want.Source {
		t.Fatalf("name %q source %q, want %q %q", got.Name, got.Source, want.Name, want.Source)
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"node lon", got.Lon, want.Lon}, {"node lat", got.Lat, want.Lat},
		{"segments", got.Segments, want.Segments}, {"homes", got.Homes, want.Homes},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Fatalf("%s differ", c.what)
		}
	}
	for m := range got.Graphs {
		g, w := &got.Graphs[m], &want.Graphs[m]
		if g.Mode != w.Mode || g.Dropped != w.Dropped || !reflect.DeepEqual(g.Offsets, w.Offsets) ||
			!reflect.DeepEqual(g.Targets, w.Targets) || !reflect.DeepEqual(g.Costs, w.Costs) || !reflect.DeepEqual(g.Segs, w.Segs) {
			t.Fatalf("%s graphs differ", Mode(m))
		}
	}
}

func TestCodecRoundTrip(t *testing.T) {
	for _, n := range []*Network{mustRead(t, town), andorra(t)} {
		got, err := Decode(n.Name, n.Source, n.Encode())
		if err != nil {
			t.Fatal(err)
		}
		sameNetwork(t, got, n)
	}
}

func TestDecodeCorrupt(t *testing.T) {
	n := mustRead(t, town)
	cases := map[string]func(p *Parts){
		"truncated nodes":    func(p *Parts) { p.Nodes = p.Nodes[:len(p.Nodes)-3] },
		"trailing bytes":     func(p *Parts) { p.Segments = append(p.Segments, 0) },
		"wrong array type":   func(p *Parts) { p.Homes[0] = 'u' },
		"huge count":         func(p *Parts) { p.Nodes[8] = 0xff },
		"empty graph":        func(p *Parts) { p.Graphs[Car] = nil },
		"edge off its road":  func(p *Parts) { swapTargets(p, n) },
		"fewer nodes":        func(p *Parts) { p.Nodes = putF(putF(nil, n.Lon[:2]), n.Lat[:2]) },
		"lon without lat":    func(p *Parts) { p.Nodes = putF(putF(nil, n.Lon), n.Lat[:1]) },
		"segment on one end": func(p *Parts) { loopSegment(p, n) },
	}
	for name, corrupt := range cases {
		p := n.Encode()
		corrupt(&p)
		if _, err := Decode("x", "x", p); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
}

// swapTargets points the walking graph's first edge at a node its segment
// does not reach.
func swapTargets(p *Parts, n *Network) {
	g := n.Graphs[Walk]
	targets := append([]uint32(nil), g.Targets...)
	targets[0] = (targets[0] + 1) % uint32(len(n.Lon))
	for targets[0] == n.Segments.From[g.Segs[0]] || targets[0] == n.Segments.To[g.Segs[0]] {
		targets[0] = (targets[0] + 1) % uint32(len(n.Lon))
	}
	d := g.Dropped
	p.Graphs[Walk] = putF(putU(putF(putU(putU(nil, g.Offsets), targets), g.Costs), g.Segs),
		[]float64{float64(d.Nodes), float64(d.Edges), d.LengthKM, d.NodeShare, d.EdgeShare})
}

// loopSegment makes the first segment end where it starts.
func loopSegment(p *Parts, n *Network) {
	s := n.Segments
	to := append([]uint32(nil), s.To...)
	to[0] = s.From[0]
	p.Segments = putF(putF(putU(putF(putU(putU(nil, s.From), to), s.Length), s.Start), s.Lon), s.Lat)
}

// FuzzRead reads arbitrary bytes as an OSM extract: it must not panic, and
// whatever it accepts must be a consistent network that survives storage.
func FuzzRead(f *testing.F) {
	f.Add(town)
	f.Add(osmXML([]string{"1 0 0", "2 0.001 0"}, []string{"1 1,2 highway=residential oneway=-1"}))
	f.Add(osmXML([]string{"1 0 0", "2 0.001 0", "3 0 0.001"}, []string{"1 1,2,3,1 highway=service"}))
	f.Add(osmXML([]string{"2 0.001 0", "1 0 0", "1 5 5"}, []string{"1 1,2,9 highway=footway", "2 2,1 highway=motorway"}))
	f.Add([]byte(`<osm><way id="1"><nd ref="1"/></way></osm>`))
	f.Add([]byte("BZh91AY&SY"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Read(context.Background(), "fuzz", "fuzz.osm", data)
		if err != nil {
			return
		}
		if err := n.check(); err != nil {
			t.Fatalf("accepted an inconsistent network: %v", err)
		}
		back, err := Decode(n.Name, n.Source, n.Encode())
		if err != nil {
			t.Fatalf("round trip: %v", err)
		}
		if !bytes.Equal(back.Encode().Segments, n.Encode().Segments) {
			t.Fatal("round trip changed the segments")
		}
	})
}
