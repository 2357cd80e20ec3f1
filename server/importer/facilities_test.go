package importer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/proj"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestReadFacilities(t *testing.T) {
	_, idx := fixture(t)
	text := "id,type,name,lon,lat,floor_area_m2,region\n" +
		"F1,health_station,甲社区卫生服务站,120.02,32.05,,\n" + // region from the point
		"F2,service_centre,金沙街道社区服务中心,120.07,32.05,1600,320612001\n"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text)
	cs, err := importer.ReadFacilities("f.csv", []byte(gbk), idx)
	if err != nil {
		t.Fatal(err)
	}
	f1, f2 := cs.Facilities[0], cs.Facilities[1]
	if f1.Region != "320612001001" || f1.Name != "甲社区卫生服务站" || f1.FloorAreaM2 != 0 {
		t.Errorf("F1 = %+v; want region 320612001001 (located), Chinese name decoded", f1)
	}
	if f2.Region != "320612001" || f2.FloorAreaM2 != 1600 {
		t.Errorf("F2 = %+v", f2)
	}
}

func TestReadFacilitiesProblems(t *testing.T) {
	_, idx := fixture(t)
	csv := "id,type,name,lon,lat,floor_area_m2,region\n" +
		"F1,hospital,某医院,120.02,32.05,,\n" + // row 2
		"F2,police_post,警务室,abc,32.05,,\n" + // row 3
		"F3,police_post,警务室,125,32.05,,\n" + // row 4: in no community
		"F4,service_centre,中心,120.02,32.05,-5,\n" + // row 5
		"F5,service_centre,中心,120.02,32.05,500,320612001201\n" + // row 6: outside its region
		"F6,police_post,警务室,120.02,32.05,,999\n" + // row 7
		"F7,police_post,,120.02,32.05,,\n" + // row 8
		"F8,police_post,警务室,120.02,32.05,,\n" + // row 9
		"F8,police_post,警务室,120.02,32.05,,\n" // row 10
	_, err := importer.ReadFacilities("bad.csv", []byte(csv), idx)
	ps := problems(t, err)
	wantProblem(t, ps, 2, 0, "type", `unknown facility type "hospital"`)
	wantProblem(t, ps, 3, 0, "lon/lat", "not numbers")
	wantProblem(t, ps, 4, 0, "lon/lat", "lies in no known community")
	wantProblem(t, ps, 5, 0, "floor_area_m2", `"-5"`)
	wantProblem(t, ps, 6, 0, "lon/lat", "outside its region 320612001201")
	wantProblem(t, ps, 7, 0, "region", `unknown region code "999"`)
	wantProblem(t, ps, 8, 0, "name", "empty")
	wantProblem(t, ps, 10, 0, "id", "duplicate of row 9")
	if len(ps) != 8 {
		t.Errorf("%d problems, want 8: %+v", len(ps), ps)
	}
}

// TestFacilitiesAsOfficesWriteThem: Chinese headers, types by their
// Chinese names, and GCJ-02 coordinates copied from a web map, placed back
// in CGCS2000 to better than half a metre with --crs gcj02.
func TestFacilitiesAsOfficesWriteThem(t *testing.T) {
	_, idx := fixture(t)
	truth := []orb.Point{{120.02, 32.05}, {120.07, 32.06}}
	var rows []string
	for i, p := range truth {
		lon, lat := proj.GCJ02(p[0], p[1])
		rows = append(rows, fmt.Sprintf("S%d,%s,站%d,%.7f,%.7f,%d", i+1, []string{"社区卫生服务站", "村卫生室"}[i], i, lon, lat, 100*(i+1)))
	}
	text := "编号,设施类型,名称,经度,纬度,建筑面积（㎡）\n" + strings.Join(rows, "\n") + "\n"
	cs, rep, err := importer.ReadFacilitiesWith(context.Background(), "poi.csv", []byte(text), idx, importer.Options{CRS: "gcj02"})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range cs.Facilities {
		if d := orbgeo.Distance(f.Point, truth[i]); d > 0.5 {
			t.Errorf("%s lands %.2f m from where it is", f.ID, d)
		}
	}
	if cs.Facilities[0].Type != "health_station" || cs.Facilities[1].Type != "village_clinic" || cs.Facilities[1].FloorAreaM2 != 200 {
		t.Errorf("facilities %+v", cs.Facilities)
	}
	if cs.Facilities[0].Region != "320612001001" || cs.Facilities[1].Region != "320612001201" {
		t.Errorf("regions %s %s", cs.Facilities[0].Region, cs.Facilities[1].Region)
	}
	if rep.CRS.From != "option" || rep.Columns["type"] != "设施类型 (by its header)" {
		t.Errorf("report %+v %+v", rep.CRS, rep.Columns)
	}
	// Read as WGS 84, the same points land hundreds of metres off: the
	// offset is real, which is why the option matters.
	cs, _, err = importer.ReadFacilitiesWith(context.Background(), "poi.csv", []byte(text), idx, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := orbgeo.Distance(cs.Facilities[0].Point, truth[0]); d < 100 {
		t.Errorf("GCJ-02 read as WGS 84 is only %.1f m off; the test does not exercise the conversion", d)
	}
}
