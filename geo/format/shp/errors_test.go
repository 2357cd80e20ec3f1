package shp_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"path"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/internal/formattest"
	"github.com/community-atlas/atlas/geo/format/shp"
	"github.com/paulmach/orb"
)

// set is the sample layer written as towns.*, keyed by extension, with
// edit applied.
func set(t *testing.T, l *format.Layer, edit func(map[string][]byte)) map[string][]byte {
	t.Helper()
	data := write(t, l, "towns")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		out[path.Ext(f.Name)], _ = io.ReadAll(rc)
		rc.Close()
	}
	if edit != nil {
		edit(out)
	}
	return out
}

// record is where record i (1-based) of the sample's DBF starts.
func record(dbf []byte, i int) int {
	return int(binary.LittleEndian.Uint16(dbf[8:])) + (i-1)*int(binary.LittleEndian.Uint16(dbf[10:]))
}

// Each kind of bad input gets its own message naming the file, record and
// field, as an *shp.Error.
func TestReadErrors(t *testing.T) {
	sample := formattest.Sample()
	// The writer closes the ring: 3 points.
	badRing := &format.Layer{Name: "r", Features: []format.Feature{{Geometry: orb.Polygon{{{0, 0}, {1, 0}}}}}}
	for _, c := range []struct {
		name  string
		files map[string][]byte
		want  shp.Error
	}{
		{"short dbf", set(t, sample, func(m map[string][]byte) { m[".dbf"][4] = 2 }),
			shp.Error{File: "towns.dbf", Reason: "2 records but towns.shp has 3 shapes"}},
		// Record 3 is two rings of 5 points: type, box, counts, 2 part
		// starts and 10 points take 4+32+8+8+160 bytes.
		{"truncated shp", set(t, sample, func(m map[string][]byte) { m[".shp"] = m[".shp"][:len(m[".shp"])-20] }),
			shp.Error{File: "towns.shp", Record: 3, Reason: "truncated: the record holds 212 bytes but 192 are left"}},
		{"truncated dbf", set(t, sample, func(m map[string][]byte) { m[".dbf"] = m[".dbf"][:record(m[".dbf"], 3)+10] }),
			shp.Error{File: "towns.dbf", Record: 3, Reason: "truncated: the header declares 3 records but the file ends inside record 3"}},
		{"unknown type", set(t, sample, func(m map[string][]byte) { m[".shp"][108] = 9 }),
			shp.Error{File: "towns.shp", Record: 1, Reason: "unknown shape type 9"}},
		{"short ring", set(t, badRing, nil),
			shp.Error{File: "towns.shp", Record: 1, Reason: "ring 1 has 3 points; a ring needs at least 4"}},
		{"not a number", set(t, sample, func(m map[string][]byte) {
			// After the flag, the code and the name (30 bytes: 10 characters
			// of 金沙街道甲社区居委会, the longest, in UTF-8): over the padding
			// of the right-aligned -1099511627776.
			copy(m[".dbf"][record(m[".dbf"], 2)+1+12+30:], "many")
		}), shp.Error{File: "towns.dbf", Record: 2, Field: "population", Reason: `"many-1099511627776" is not a number`}},
		{"no dbf", set(t, sample, func(m map[string][]byte) { delete(m, ".dbf") }),
			shp.Error{File: "towns.dbf", Reason: "missing: a Shapefile needs its .shp and .dbf"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := shp.ReadNamed("towns", c.files)
			var e *shp.Error
			if !errors.As(err, &e) || *e != c.want {
				t.Fatalf("error %#v, want %#v", err, c.want)
			}
		})
	}
}

func TestReadZipErrors(t *testing.T) {
	fx := files(t, "communities", ".shp", ".dbf")
	for _, c := range []struct {
		name, want string
		data       []byte
	}{
		{"no dbf", "shp: data/towns.shp: the zip holds data/towns.shp but no towns.dbf",
			zipOf(t, [2]string{"data/towns.shp", string(fx[".shp"])}, [2]string{"data/other.dbf", string(fx[".dbf"])})},
		{"no shp", "shp: the zip holds no .shp file", zipOf(t, [2]string{"towns.dbf", string(fx[".dbf"])})},
		{"not a zip", "shp: not a readable zip", []byte("PK\x03\x04 truncated")},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := shp.ReadZip(c.data)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
}

// A deleted record is skipped with its shape, a null shape read as no
// geometry; both are noted.
func TestReadNotes(t *testing.T) {
	files := set(t, formattest.Sample(), func(m map[string][]byte) {
		m[".dbf"][record(m[".dbf"], 2)] = '*'
		m[".shp"][108] = 0 // the first record's shape type: null
	})
	l, err := shp.ReadNamed("towns", files)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Features) != 2 || l.Features[0].Geometry != nil || l.Features[1].Values[0] != "320612001202" {
		t.Fatalf("features %+v", l.Features)
	}
	want := `text read as UTF-8, as the .cpg declares ("UTF-8")|record 1 has a null shape|` +
		"record 2 is marked deleted in towns.dbf; it and its shape are skipped"
	if got := strings.Join(l.Source.Notes, "|"); got != want {
		t.Errorf("notes %q, want %q", got, want)
	}
}
