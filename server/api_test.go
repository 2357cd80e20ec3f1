package server_test

import (
	"math"
	"net/http"
	"strings"
	"testing"
)

type region struct {
	Code, Name, Level, Parent, Kind string
	Population, Households          int64
	AreaKM2                         float64    `json:"area_km2"`
	LabelPoint                      [2]float64 `json:"label_point"`
	Children                        []string
}

func TestRegions(t *testing.T) {
	s := newServer(t, fixture())
	var l struct{ Items []region }
	s.get(t, "/api/v1/regions?level=community", 200, &l)
	if len(l.Items) != 2 || l.Items[0].Code != "320612001001" || l.Items[0].Kind != "urban" || l.Items[1].Kind != "rural" {
		t.Errorf("communities = %+v", l.Items)
	}
	s.get(t, "/api/v1/regions?parent=3206", 200, &l)
	if len(l.Items) != 2 || l.Items[0].Code != "320612" || l.Items[1].Code != "320623" {
		t.Errorf("children of 3206 = %+v", l.Items)
	}
	s.get(t, "/api/v1/regions?level=community&parent=320623", 200, &l)
	if len(l.Items) != 0 {
		t.Errorf("communities of an empty county = %+v", l.Items)
	}
	var r region
	s.get(t, "/api/v1/regions/320612001", 200, &r)
	if r.Name != "金沙街道" || strings.Join(r.Children, ",") != "320612001001,320612001201" || r.Population != 4000 {
		t.Errorf("region = %+v", r)
	}
	var p problem
	s.get(t, "/api/v1/regions?level=village", 400, &p)
	if p.Param != "level" || !strings.Contains(p.Detail, `"village" is not one of province, city, county, township, community`) {
		t.Errorf("problem = %+v", p)
	}
	s.get(t, "/api/v1/regions/999999", 404, &p)
	if !strings.Contains(p.Detail, `region "999999" not found`) {
		t.Errorf("problem = %+v", p)
	}
	s.get(t, "/api/v1/regions?parent=999999", 404, &p)
}

type feature struct {
	Type       string
	ID         string
	Properties map[string]any
	Geometry   struct {
		Type        string
		Coordinates [][][][2]float64
	}
}

func TestRegionsGeoJSON(t *testing.T) {
	s := newServer(t, fixture())
	var fc struct {
		Type     string
		Features []feature
	}
	resp := s.get(t, "/api/v1/regions.geojson?level=community", 200, &fc)
	if ct := resp.Header.Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("content type %q", ct)
	}
	// Go's client asks for gzip and decompresses transparently.
	if !resp.Uncompressed {
		t.Error("GeoJSON was not gzipped for a client that accepts gzip")
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("collection: %s with %d features", fc.Type, len(fc.Features))
	}
	f := fc.Features[1]
	if f.ID != "320612001201" || f.Properties["kind"] != "rural" || f.Geometry.Type != "MultiPolygon" ||
		f.Geometry.Coordinates[0][0][1] != [2]float64{120.2, 32} {
		t.Errorf("feature = %+v", f)
	}
	// The answer is tagged with the data version; asking again with the tag
	// gets a 304.
	tag := resp.Header.Get("ETag")
	req, _ := http.NewRequest("GET", s.URL+"/api/v1/regions.geojson?level=community", nil)
	req.Header.Set("If-None-Match", tag)
	resp2, err := s.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if tag == "" || resp2.StatusCode != http.StatusNotModified {
		t.Errorf("ETag %q, revalidation status %d; want 304", tag, resp2.StatusCode)
	}
	var one feature
	s.get(t, "/api/v1/regions/320612?format=geojson", 200, &one)
	if one.Type != "Feature" || one.ID != "320612" || one.Properties["name"] != "通州区" {
		t.Errorf("feature = %+v", one)
	}
	var p problem
	s.get(t, "/api/v1/regions/320612?format=kml", 400, &p)
}

type observation struct {
	Code, Name, Indicator, Unit string
	Period, Units               int
	Value                       *float64
	Target                      *struct {
		Comparator string
		Min, Max   *float64
	}
	Meets        *bool
	Gap          *float64
	Verdict      string
	NotJudged    string `json:"not_judged"`
	Split        bool
	Urban, Rural *part
}

// part is an urban or rural verdict within a region.
type part struct {
	Value   *float64
	Units   int
	Target  *struct{ Min, Max *float64 }
	Meets   *bool
	Gap     *float64
	Verdict string
}

func TestObservations(t *testing.T) {
	s := newServer(t, fixture())
	var l struct {
		Period int
		Items  []observation
	}
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&level=township&period=2013", 200, &l)
	if len(l.Items) != 1 {
		t.Fatalf("items = %+v", l.Items)
	}
	// (10·3000 + 4·1000)/4000 = 8.5, shown against the blend (8·3000 +
	// 5·1000)/4000 = 7.25; but urban (≥ 8) and rural (≥ 5) are judged
	// apart: urban 10 meets, rural 4 misses by 1, so the township misses.
	o := l.Items[0]
	if *o.Value != 8.5 || *o.Target.Min != 7.25 || *o.Meets || *o.Gap != -1 || o.Units != 2 || o.Unit != "%" ||
		o.Verdict != "unmet" || !o.Split {
		t.Errorf("township value %v target %v meets %v gap %v units %d verdict %s", *o.Value, *o.Target.Min, *o.Meets, *o.Gap, o.Units, o.Verdict)
	}
	if u, r := o.Urban, o.Rural; u == nil || r == nil || *u.Value != 10 || *u.Target.Min != 8 || !*u.Meets || u.Verdict != "met" ||
		*r.Value != 4 || *r.Target.Min != 5 || *r.Meets || *r.Gap != -1 || r.Verdict != "unmet" || r.Units != 1 {
		t.Errorf("township urban %+v rural %+v", u, r)
	}
	// Counties by default; the latest period by default; a county without
	// data has a null value.
	s.get(t, "/api/v1/observations?indicator=registered_volunteers", 200, &l)
	// 2014 has no target in the notice: a value, not judged, no target.
	if l.Period != 2014 || len(l.Items) != 2 || *l.Items[0].Value != 11 || l.Items[1].Value != nil || l.Items[1].Meets != nil ||
		l.Items[0].Meets != nil || l.Items[0].Target != nil || l.Items[0].Verdict != "not_judged" || l.Items[0].NotJudged != "period" {
		t.Errorf("counties 2014 = %+v", l.Items)
	}
	// The rural community misses its own (rural) target of 5.
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&level=community&parent=320612001&period=2013", 200, &l)
	if v := l.Items[1]; *v.Value != 4 || *v.Target.Min != 5 || *v.Meets || math.Abs(*v.Gap+1) > 1e-9 {
		t.Errorf("rural community = %+v", v)
	}
	// Without an indicator: every indicator for each region.
	s.get(t, "/api/v1/observations?level=city&period=2013", 200, &l)
	if len(l.Items) < 25 {
		t.Errorf("%d items for all indicators, want one per indicator", len(l.Items))
	}
	var p problem
	s.get(t, "/api/v1/observations?indicator=nope", 400, &p)
	if p.Param != "indicator" {
		t.Errorf("problem = %+v", p)
	}
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&period=1999", 400, &p)
	if !strings.Contains(p.Detail, "1999 has no observations (periods with data: 2013, 2014)") {
		t.Errorf("problem = %+v", p)
	}
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&period=soon", 400, &p)
}

func TestIndicatorsFacilitiesGrids(t *testing.T) {
	s := newServer(t, fixture())
	var inds struct {
		Source string
		Items  []struct {
			ID          string
			Task        int
			Departments []struct{ ID, ZH, EN string }
		}
	}
	s.get(t, "/api/v1/indicators", 200, &inds)
	if len(inds.Items) < 25 || !strings.Contains(inds.Source, "通政办发") {
		t.Errorf("%d indicators from %q", len(inds.Items), inds.Source)
	}
	for _, ind := range inds.Items {
		if ind.ID == "elderly_health_records" && (len(ind.Departments) != 1 || ind.Departments[0].ZH != "市卫生局") {
			t.Errorf("elderly_health_records departments = %+v", ind.Departments)
		}
	}
	var fl struct {
		Items []struct {
			ID, Type, Region string
			FloorAreaM2      *float64 `json:"floor_area_m2"`
		}
	}
	s.get(t, "/api/v1/facilities?type=service_centre", 200, &fl)
	if len(fl.Items) != 1 || fl.Items[0].ID != "F2" || *fl.Items[0].FloorAreaM2 != 450 {
		t.Errorf("service centres = %+v", fl.Items)
	}
	s.get(t, "/api/v1/facilities?region=320612001001", 200, &fl)
	if len(fl.Items) != 1 || fl.Items[0].ID != "F1" || fl.Items[0].FloorAreaM2 != nil {
		t.Errorf("facilities of 320612001001 = %+v", fl.Items)
	}
	s.get(t, "/api/v1/facilities?region=320612", 200, &fl)
	if len(fl.Items) != 2 {
		t.Errorf("facilities of 320612 = %+v", fl.Items)
	}
	var p problem
	s.get(t, "/api/v1/facilities?type=hospital", 400, &p)
	var gl struct {
		Items []struct {
			Code, Worker string
			Households   int64
			AreaM2       float64 `json:"area_m2"`
		}
	}
	s.get(t, "/api/v1/grids?community=320612001001", 200, &gl)
	// 0.1° × 0.05° at 32.025°N ≈ 9.437 km × 5.546 km ≈ 52.3 km².
	if len(gl.Items) != 1 || gl.Items[0].Worker != "张三" || math.Abs(gl.Items[0].AreaM2-52.34e6)/52.34e6 > 0.005 {
		t.Errorf("grids = %+v", gl.Items)
	}
	s.get(t, "/api/v1/grids?community=320612001201", 200, &gl)
	if len(gl.Items) != 0 {
		t.Errorf("grids of 320612001201 = %+v", gl.Items)
	}
	s.get(t, "/api/v1/grids?community=320612", 400, &p)
	var fc struct{ Features []feature }
	s.get(t, "/api/v1/grids.geojson?parent=320612", 200, &fc)
	if len(fc.Features) != 1 || fc.Features[0].ID != "G1" {
		t.Errorf("grid features = %+v", fc.Features)
	}
}

func TestHealth(t *testing.T) {
	s := newServer(t, fixture())
	var h struct {
		Status          string
		SnapshotVersion int64 `json:"snapshot_version"`
	}
	s.get(t, "/healthz", 200, &h)
	s.get(t, "/readyz", 200, &h)
	if h.Status != "ready" || h.SnapshotVersion != 1 {
		t.Errorf("readyz = %+v", h)
	}
	s.store.Close()
	var p problem
	s.get(t, "/readyz", 503, &p)
}
