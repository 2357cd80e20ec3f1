package shp_test

import (
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/shp"
)

// gbk is 社区界 ("community boundaries") in GBK, as a Chinese Windows
// zip names its files.
const gbk = "\xc9\xe7\xc7\xf8\xbd\xe7"

// A zip made on Chinese Windows: GBK entry names without the UTF-8 flag,
// in a folder, the extensions upper case, beside a second set and files
// that are no part of a set.
func TestReadZipGBKNames(t *testing.T) {
	fx := files(t, "communities", ".shp", ".shx", ".dbf", ".prj", ".cpg")
	data := zipOf(t,
		[2]string{"数据/", ""},
		[2]string{"data/" + gbk + ".SHP", string(fx[".shp"])},
		[2]string{"data/" + gbk + ".dbf", string(fx[".dbf"])},
		[2]string{"data/" + gbk + ".Cpg", string(fx[".cpg"])},
		[2]string{"data/" + gbk + ".prj", string(fx[".prj"])},
		[2]string{"data/readme.txt", "说明"},
		[2]string{"__MACOSX/data/._" + gbk + ".shp", "resource fork"},
		[2]string{"other/communities.shp", string(fx[".shp"])},
		[2]string{"other/COMMUNITIES.DBF", string(fx[".dbf"])},
	)
	ls, err := shp.ReadZip(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 2 || ls[0].Name != "社区界" || ls[1].Name != "communities" {
		t.Fatalf("layers %v", names(ls))
	}
	checkCommunities(t, ls[0])
	checkCommunities(t, ls[1])
	if n := ls[0].Source.Notes[0]; n != "the zip's names of 社区界 have no UTF-8 flag and were read as GB18030" {
		t.Errorf("note %q", n)
	}
	if ls[1].Source.CRS != "" || len(ls[1].Source.Notes) != 1 {
		t.Errorf("second set: CRS %q, notes %q", ls[1].Source.CRS, ls[1].Source.Notes)
	}
}

func names(ls []*format.Layer) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Name)
	}
	return out
}

// A name without the flag that is valid UTF-8 (some tools write UTF-8
// without setting it) is kept as it is.
func TestReadZipUTF8WithoutFlag(t *testing.T) {
	fx := files(t, "communities", ".shp", ".dbf", ".cpg")
	ls, err := shp.ReadZip(zipOf(t, [2]string{"社区.shp", string(fx[".shp"])}, [2]string{"社区.dbf", string(fx[".dbf"])},
		[2]string{"社区.cpg", string(fx[".cpg"])}))
	if err != nil || len(ls) != 1 {
		t.Fatalf("layers %v, err %v", names(ls), err)
	}
	if ls[0].Name != "社区" || strings.Contains(strings.Join(ls[0].Source.Notes, "|"), "flag") {
		t.Errorf("layer %s, notes %q", ls[0].Name, ls[0].Source.Notes)
	}
}
