package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

func TestNetworkName(t *testing.T) {
	for in, want := range map[string]string{
		"delaware-latest.osm.pbf": "delaware-latest",
		"dir/南通.OSM.BZ2":          "南通",
		"town.osm":                "town",
		"town.osm.gz":             "town",
		"town.pbf":                "town",
		"extract":                 "extract",
		".osm":                    ".osm",
	} {
		if got := importer.NetworkName(in); got != want {
			t.Errorf("NetworkName(%q) = %q, want %q", in, got, want)
		}
	}
}

const townOSM = `<?xml version="1.0"?><osm version="0.6">
<node id="1" lon="120.96" lat="32.06"/><node id="2" lon="120.961" lat="32.06"/><node id="3" lon="120.961" lat="32.061"/>
<way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="highway" v="residential"/></way>
</osm>`

// readOSM reads an extract held in memory.
func readOSM(ctx context.Context, name, data string, idx importer.Index, opts importer.Options) (*store.Changeset, *importer.Report, error) {
	return importer.ReadOSM(ctx, name, strings.NewReader(data), int64(len(data)), idx, opts)
}

// emptyAtlas knows no region: a first import.
func emptyAtlas(t testing.TB) importer.Index {
	cat, _ := fixture(t)
	return analytics.NewSnapshot(1, cat, &analytics.Dataset{})
}

func TestReadOSM(t *testing.T) {
	// townOSM lies in China, 75 km east of the fixture's regions.
	_, idx := fixture(t)
	cs, rep, err := readOSM(context.Background(), "town.osm", townOSM, emptyAtlas(t), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cs.Kind != importer.OSM || cs.Source != "town.osm" || len(cs.Networks) != 1 || cs.Networks[0].Name != "town" || cs.Rows() != 1 {
		t.Fatalf("changeset %+v", cs)
	}
	// A closed triangle 1–2–3–1 is cut at node 2 so that no segment is a
	// loop: two nodes, segments 1–2 and 2–3–1.
	if n := cs.Networks[0]; len(n.Lon) != 2 || n.Segments.Len() != 2 {
		t.Errorf("network of %d nodes, %d segments", len(n.Lon), n.Segments.Len())
	}
	if rep.Format != "osm" || rep.Rows != 2 || rep.Clip.Area != "China" || rep.Clip.Kept != 2 || rep.Clip.Dropped != 0 {
		t.Errorf("report %+v, clip %+v", rep, rep.Clip)
	}
	if _, rep, err := readOSM(context.Background(), "town.osm", townOSM, idx, importer.Options{NoClip: true}); err != nil || rep.Clip.Area != "none" || rep.Clip.Kept != 2 {
		t.Errorf("not clipped: %v, %+v", err, rep)
	}
	for _, c := range []struct {
		name, data, msg string
		idx             importer.Index
	}{
		{"notes.txt", "hello", "neither OSM XML nor PBF", idx},
		{"town.osm", `<osm version="0.6"><node id="1" lon="1" lat="2"/></osm>`, "no highway", idx},
		{"town.osm", `<osm version="0.6"><node id="1" lon="1" lat="2"`, "osm", idx},
		{"town.osm.bz2", "BZh9 broken", "bzip2", idx},
		{"town.osm", townOSM, "none of the extract's 2 road segments (lon 120.960 … 120.961, lat 32.060 … 32.061) comes within 2000 m of the atlas's regions", idx},
		{"town.osm", strings.ReplaceAll(townOSM, `lon="120.96`, `lon="-75.96`), "comes within China", emptyAtlas(t)},
	} {
		_, _, err := readOSM(context.Background(), c.name, c.data, c.idx, importer.Options{})
		var ie *importer.Error
		if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Field != "file" || !strings.Contains(ie.Error(), c.msg) {
			t.Errorf("%s %q: %v, want a problem with the file mentioning %q", c.name, c.data, err, c.msg)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := readOSM(ctx, "town.osm", townOSM, idx, importer.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// eastOf is the longitude d metres east of (lon, lat) along the parallel,
// found by bisection on the great-circle distance.
func eastOf(lon, lat, d float64) float64 {
	lo, hi := lon, lon+1
	for range 60 {
		mid := (lo + hi) / 2
		if network.Haversine(orb.Point{lon, lat}, orb.Point{mid, lat}) < d {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// TestReadOSMMargin: the fixture's regions end at 120.2°E; a road 1.9 km
// beyond is kept with the default 2 km margin, one 2.3 km beyond is not,
// and a 3 km margin keeps both.
func TestReadOSMMargin(t *testing.T) {
	_, idx := fixture(t)
	near, far := eastOf(120.2, 32.05, 1900), eastOf(120.2, 32.05, 2300)
	data := fmt.Sprintf(`<osm version="0.6">
<node id="1" lon="%.7f" lat="32.05"/><node id="2" lon="%.7f" lat="32.051"/>
<node id="3" lon="%.7f" lat="32.05"/><node id="4" lon="%.7f" lat="32.051"/>
<way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
<way id="2"><nd ref="3"/><nd ref="4"/><tag k="highway" v="residential"/></way></osm>`, near, near, far, far)
	cs, rep, err := readOSM(context.Background(), "edge.osm", data, idx, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Clip
	if c.Area != "regions" || c.MarginM != importer.DefaultMargin || c.Kept != 1 || c.Dropped != 1 || math.Abs(cs.Networks[0].Lon[0]-near) > 1e-7 {
		t.Errorf("clip %+v, network nodes at %v; want the road at %.5f kept", c, cs.Networks[0].Lon, near)
	}
	if want := network.Haversine(orb.Point{near, 32.05}, orb.Point{near, 32.051}) / 1000; math.Abs(c.KeptKM-want) > 0.001 || math.Abs(c.DroppedKM-want) > 0.001 {
		t.Errorf("lengths kept %v, dropped %v; want %.3f each", c.KeptKM, c.DroppedKM, want)
	}
	if _, rep, err := readOSM(context.Background(), "edge.osm", data, idx, importer.Options{Margin: 3000}); err != nil || rep.Clip.Kept != 2 {
		t.Errorf("3 km margin: %v, %+v", err, rep)
	}
}

// FuzzReadOSM feeds arbitrary files to the OSM importer, clipped to the
// fixture's regions and not: it must return a changeset or an import error
// with problems, never panic.
func FuzzReadOSM(f *testing.F) {
	_, idx := fixture(f)
	f.Add([]byte(strings.ReplaceAll(townOSM, `lon="120.96`, `lon="120.16`)))
	f.Add([]byte(townOSM))
	f.Add([]byte(`<osm><node id="1" lon="0" lat="0"/><node id="2" lon="0.001" lat="0"/><way id="9"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="oneway" v="-1"/></way></osm>`))
	f.Add([]byte(`<osm><way id="9"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way><node id="2" lon="0.001" lat="0"/><node id="1" lon="0" lat="0"/></osm>`))
	f.Add([]byte(`<osm><node id="1" lon="0" lat="0"><tag k="building" v="house"/></node></osm>`))
	f.Add([]byte(`<?xml version="1.0"?><osm><node id="1" lon="-181" lat="0"/></osm>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		for _, opts := range []importer.Options{{}, {NoClip: true}} {
			cs, _, err := importer.ReadOSM(context.Background(), "fuzz.osm", bytes.NewReader(data), int64(len(data)), idx, opts)
			checkResult(t, cs, err)
		}
	})
}
