package shp_test

import (
	"os"
	"testing"

	"github.com/community-atlas/atlas/geo/format/internal/formattest"
	"github.com/community-atlas/atlas/geo/format/shp"
)

// maxFuzzInput caps the inputs (1 MiB).
const maxFuzzInput = 1 << 20

// seedZips are zips of the fixtures and of the writer's sample.
func seedZips(f *testing.F) [][]byte {
	var out [][]byte
	if data, err := os.ReadFile("testdata/communities.shp"); err == nil {
		dbf, _ := os.ReadFile("testdata/communities.dbf")
		cpg, _ := os.ReadFile("testdata/communities.cpg")
		out = append(out, zipOf(f, [2]string{"c/" + gbk + ".shp", string(data)}, [2]string{"c/" + gbk + ".dbf", string(dbf)},
			[2]string{"c/" + gbk + ".cpg", string(cpg)}))
	}
	out = append(out, write(f, formattest.Sample(), "regions"), write(f, points(), "clinics"))
	return out
}

// FuzzReadZip: no zip makes the reader panic, and every layer it reads
// passes the layer's own check.
func FuzzReadZip(f *testing.F) {
	for _, z := range seedZips(f) {
		f.Add(z)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		ls, err := shp.ReadZip(data)
		if err != nil {
			return
		}
		for _, l := range ls {
			if err := l.Check(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// FuzzRead fuzzes the .shp and .dbf of a set directly, which the zip's
// checksums otherwise keep the fuzzer from reaching.
func FuzzRead(f *testing.F) {
	for _, base := range []string{"communities", "communities_ldid77"} {
		shpData, err1 := os.ReadFile("testdata/" + base + ".shp")
		dbf, err2 := os.ReadFile("testdata/" + base + ".dbf")
		if err1 == nil && err2 == nil {
			f.Add(shpData, dbf, []byte("GBK"))
		}
	}
	f.Fuzz(func(t *testing.T, shpData, dbf, cpg []byte) {
		if len(shpData)+len(dbf)+len(cpg) > maxFuzzInput {
			return
		}
		l, err := shp.Read(map[string][]byte{".shp": shpData, ".dbf": dbf, ".cpg": cpg})
		if err != nil {
			return
		}
		if err := l.Check(); err != nil {
			t.Fatal(err)
		}
	})
}
