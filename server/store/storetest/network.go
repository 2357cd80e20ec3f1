package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/store"
)

// Network builds a small road network named name from OSM XML: a street
// grid with a one-way street, a footway and a house, shifted east by shift
// degrees so that two networks differ.
func Network(name string, shift float64) *network.Network {
	var b strings.Builder
	b.WriteString(`<osm version="0.6">`)
	for i := range 9 {
		fmt.Fprintf(&b, `<node id="%d" lon="%.7f" lat="%.7f"/>`, i+1, 120.96+shift+0.001*float64(i%3), 32.06+0.001*float64(i/3))
	}
	b.WriteString(`<node id="20" lon="120.9605" lat="32.0605"><tag k="building" v="house"/></node>`)
	for _, w := range []struct{ id, nodes, tags string }{
		{"1", "1 2 3", `highway=residential`},
		{"2", "4 5 6", `highway=residential oneway=yes`},
		{"3", "7 8 9", `highway=residential`},
		{"4", "1 4 7", `highway=tertiary maxspeed=40`},
		{"5", "3 6 9", `highway=tertiary`},
		{"6", "2 5 8", `highway=footway`},
	} {
		fmt.Fprintf(&b, `<way id="%s">`, w.id)
		for _, ref := range strings.Fields(w.nodes) {
			fmt.Fprintf(&b, `<nd ref="%s"/>`, ref)
		}
		for _, kv := range strings.Fields(w.tags) {
			k, v, _ := strings.Cut(kv, "=")
			fmt.Fprintf(&b, `<tag k="%s" v="%s"/>`, k, v)
		}
		b.WriteString(`</way>`)
	}
	b.WriteString(`</osm>`)
	n, err := network.Read(context.Background(), name, name+".osm", []byte(b.String()))
	if err != nil {
		panic(err) // the document above is valid
	}
	return n
}

// testNetworks round-trips networks, replaces one by name, and checks
// that a failed write leaves the networks as they were.
func testNetworks(t *testing.T, s store.Store) {
	m := newModel()
	mustApply(t, s, m, Fixture())
	mustApply(t, s, m, &store.Changeset{Kind: "osm", Source: "两个.osm",
		Networks: []*network.Network{Network("东区", 0), Network("west", -0.5)}})
	check(t, s, m)
	for _, n := range mustLoad(t, s).Networks {
		if n.Graphs[network.Car].NumEdges() == 0 || len(n.Homes) != 1 {
			t.Fatalf("network %s loaded without its car graph or home", n.Name)
		}
	}
	replaced := Network("东区", 0.25)
	replaced.Source = "东区-v2.osm.pbf"
	mustApply(t, s, m, &store.Changeset{Kind: "osm", Source: replaced.Source, Networks: []*network.Network{replaced}})
	check(t, s, m)

	bad := &store.Changeset{Kind: "osm", Source: "bad.osm",
		Networks:   []*network.Network{Network("west", 1)},
		Facilities: []analytics.Facility{{ID: "F-bad", Type: "school", Region: UrbanCode}},
	}
	if _, err := s.Apply(context.WithoutCancel(t.Context()), bad); err == nil {
		t.Fatal("a changeset with an invalid facility was applied")
	}
	check(t, s, m)
}
