package network

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// readClipped reads data with a clip box.
func readClipped(t *testing.T, source string, data []byte, box orb.Bound) (*Network, Stats) {
	t.Helper()
	n, st, err := ReadFrom(context.Background(), "clipped", source, bytes.NewReader(data), int64(len(data)), Options{Clip: &box})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.check(); err != nil {
		t.Fatal(err)
	}
	return n, st
}

// segmentKeys are the segments' geometries, as text, sorted.
func segmentKeys(n *Network, keep func(orb.LineString) bool) []string {
	var keys []string
	for s := range n.Segments.Len() {
		if ls := n.Segments.Points(s); keep(ls) {
			keys = append(keys, fmt.Sprint(ls))
		}
	}
	slices.Sort(keys)
	return keys
}

// TestClipDelaware clips the Delaware extract to a box over its north and
// checks the segments kept against the whole network clipped by
// orb/clip: a segment is kept exactly when some of it lies in the box.
func TestClipDelaware(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: reads the Delaware extract")
	}
	whole := delaware(t)
	data, err := os.ReadFile(filepath.Join(osmTestdata(t), "delaware-latest.osm.pbf"))
	if err != nil {
		t.Fatal(err)
	}
	box := orb.Bound{Min: orb.Point{-75.8, 39.4}, Max: orb.Point{-75.4, 39.9}}
	n, st := readClipped(t, "delaware-latest.osm.pbf", data, box)
	want := segmentKeys(whole, func(ls orb.LineString) bool { return len(clip.LineString(box, ls)) > 0 })
	got := segmentKeys(n, func(orb.LineString) bool { return true })
	if !slices.Equal(got, want) {
		t.Errorf("kept %d segments, want the %d that meet the box", len(got), len(want))
	}
	if st.Kept != len(want) || st.Dropped != whole.Segments.Len()-len(want) || st.Format != PBF {
		t.Errorf("stats %+v, want %d kept, %d dropped", st, len(want), whole.Segments.Len()-len(want))
	}
	if st.Extent != whole.Bound() {
		t.Errorf("extent %v, want the whole network's %v", st.Extent, whole.Bound())
	}
	for _, h := range n.Homes {
		if !box.Contains(h) {
			t.Fatalf("home %v outside the box kept", h)
		}
	}

	// A box around the whole extract keeps the network as it is.
	b := whole.Bound()
	around := orb.Bound{Min: orb.Point{b.Min[0] - 0.01, b.Min[1] - 0.01}, Max: orb.Point{b.Max[0] + 0.01, b.Max[1] + 0.01}}
	all, st := readClipped(t, "delaware-latest.osm.pbf", data, around)
	if st.Dropped != 0 || !equalParts(all.Encode(), whole.Encode()) || !slices.Equal(all.Homes, whole.Homes) {
		t.Errorf("a box around the extract changed the network (%+v)", st)
	}
}

func equalParts(a, b Parts) bool {
	if !bytes.Equal(a.Nodes, b.Nodes) || !bytes.Equal(a.Segments, b.Segments) || !bytes.Equal(a.Homes, b.Homes) {
		return false
	}
	for m := range a.Graphs {
		if !bytes.Equal(a.Graphs[m], b.Graphs[m]) {
			return false
		}
	}
	return true
}

// TestClipCrossing: a road crossing the box with no node inside is kept
// whole, a road passing beside it is dropped, and homes outside go.
func TestClipCrossing(t *testing.T) {
	box := orb.Bound{Min: orb.Point{0.01, 0.01}, Max: orb.Point{0.02, 0.02}}
	data := osmXML([]string{
		"1 0 0.015", "2 0.03 0.015", // across the box, ends outside
		"3 0 0.025", "4 0.03 0.025", // beside it, north
		"5 0.015 0.015 building=house", "6 0.5 0.5 building=house",
		"7 0.021 0", "8 0.03 0.011", // a diagonal past the corner (0.02, 0.01)
	}, []string{"1 1,2 highway=residential", "2 3,4 highway=residential", "3 7,8 highway=residential"})
	n, st := readClipped(t, "x.osm", data, box)
	if n.Segments.Len() != 1 || st.Kept != 1 || st.Dropped != 2 {
		t.Fatalf("kept %d segments (stats %+v), want the crossing road only", n.Segments.Len(), st)
	}
	if ls := n.Segments.Points(0); ls[0] != (orb.Point{0, 0.015}) || ls[1] != (orb.Point{0.03, 0.015}) {
		t.Errorf("kept %v", ls)
	}
	if len(n.Homes) != 1 || n.Homes[0] != (orb.Point{0.015, 0.015}) {
		t.Errorf("homes %v, want the one inside", n.Homes)
	}
	far := orb.Bound{Min: orb.Point{10, 10}, Max: orb.Point{11, 11}}
	if _, st, err := ReadFrom(context.Background(), "x", "x.osm", bytes.NewReader(data), int64(len(data)), Options{Clip: &far}); err != ErrClippedAway || st.Dropped != 3 {
		t.Errorf("nothing in the box: %v, %+v; want ErrClippedAway with 3 dropped", err, st)
	}
}
