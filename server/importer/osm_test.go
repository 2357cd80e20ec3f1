package importer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/importer"
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

func TestReadOSM(t *testing.T) {
	cs, err := importer.ReadOSM(context.Background(), "town.osm", []byte(townOSM))
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
	for _, c := range []struct{ name, data, msg string }{
		{"notes.txt", "hello", "neither OSM XML nor PBF"},
		{"town.osm", `<osm version="0.6"><node id="1" lon="1" lat="2"/></osm>`, "no highway"},
		{"town.osm", `<osm version="0.6"><node id="1" lon="1" lat="2"`, "osm"},
		{"town.osm.bz2", "BZh9 broken", "bzip2"},
	} {
		_, err := importer.ReadOSM(context.Background(), c.name, []byte(c.data))
		var ie *importer.Error
		if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Field != "file" || !strings.Contains(ie.Error(), c.msg) {
			t.Errorf("%s %q: %v, want a problem with the file mentioning %q", c.name, c.data, err, c.msg)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := importer.ReadOSM(ctx, "town.osm", []byte(townOSM)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// FuzzReadOSM feeds arbitrary files to the OSM importer: it must return a
// changeset or an import error with problems, never panic.
func FuzzReadOSM(f *testing.F) {
	f.Add([]byte(townOSM))
	f.Add([]byte(`<osm><node id="1" lon="0" lat="0"/><node id="2" lon="0.001" lat="0"/><way id="9"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="oneway" v="-1"/></way></osm>`))
	f.Add([]byte(`<osm><way id="9"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way><node id="2" lon="0.001" lat="0"/><node id="1" lon="0" lat="0"/></osm>`))
	f.Add([]byte(`<osm><node id="1" lon="0" lat="0"><tag k="building" v="house"/></node></osm>`))
	f.Add([]byte(`<?xml version="1.0"?><osm><node id="1" lon="-181" lat="0"/></osm>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		cs, err := importer.ReadOSM(context.Background(), "fuzz.osm", data)
		checkResult(t, cs, err)
	})
}
