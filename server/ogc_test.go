package server_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/internal/ogrtest"
)

type ogcLink struct{ Href, Rel, Type string }

type ogcItems struct {
	Type                          string
	NumberMatched, NumberReturned int
	Features                      []struct {
		ID         string
		Properties map[string]any
	}
	Links []ogcLink
}

func linkOf(links []ogcLink, rel string) string {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func TestOGCResources(t *testing.T) {
	s := newServer(t, fixture())
	var landing struct{ Links []ogcLink }
	s.get(t, "/ogc", 200, &landing)
	for _, rel := range []string{"self", "service-desc", "conformance", "data"} {
		if linkOf(landing.Links, rel) == "" {
			t.Errorf("landing page lacks a %s link: %+v", rel, landing.Links)
		}
	}
	var conf struct{ ConformsTo []string }
	s.get(t, "/ogc/conformance", 200, &conf)
	if len(conf.ConformsTo) != 4 || !strings.HasSuffix(conf.ConformsTo[0], "/conf/core") {
		t.Errorf("conformance %v", conf.ConformsTo)
	}
	var cols struct {
		Collections []struct {
			ID     string
			Extent struct{ Spatial struct{ BBox [][4]float64 } }
		}
	}
	s.get(t, "/ogc/collections", 200, &cols)
	var ids []string
	for _, c := range cols.Collections {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, ",") != "cities,counties,townships,communities,facilities,grids" {
		t.Errorf("collections %v", ids)
	}
	if b := cols.Collections[3].Extent.Spatial.BBox[0]; b != [4]float64{120, 32, 120.2, 32.1} {
		t.Errorf("communities extent %v", b)
	}
	resp, body := s.fetch(t, "/ogc/api")
	var api struct{ OpenAPI string }
	if json.Unmarshal(body, &api); resp.StatusCode != 200 || !strings.HasPrefix(api.OpenAPI, "3.0") {
		t.Errorf("api definition: %d %s", resp.StatusCode, api.OpenAPI)
	}
	var p problem
	s.get(t, "/ogc/collections/villages", 404, &p)
	s.get(t, "/ogc/collections/communities/items/999", 404, &p)
	s.get(t, "/ogc/collections/communities/items?limit=0", 400, &p)
	s.get(t, "/ogc/collections/communities/items?bbox=1,2,3", 400, &p)
	s.get(t, "/ogc/collections/communities/items?color=red", 400, &p)
	if p.Param != "color" {
		t.Errorf("unknown parameter: %+v", p)
	}
}

func TestOGCItemsPagingAndBBox(t *testing.T) {
	s := newServer(t, fixture())
	var page ogcItems
	s.get(t, "/ogc/collections/communities/items?limit=1&period=2013", 200, &page)
	if page.Type != "FeatureCollection" || page.NumberMatched != 2 || page.NumberReturned != 1 || page.Features[0].ID != "320612001001" {
		t.Fatalf("page 1 %+v", page)
	}
	if v := page.Features[0].Properties["registered_volunteers"]; v != 10.0 {
		t.Errorf("indicator value as property: %v", v)
	}
	next := linkOf(page.Links, "next")
	if !strings.Contains(next, "offset=1") || !strings.Contains(next, "period=2013") {
		t.Fatalf("next link %q", next)
	}
	s.get(t, strings.TrimPrefix(next, s.URL), 200, &page)
	if page.NumberReturned != 1 || page.Features[0].ID != "320612001201" || linkOf(page.Links, "next") != "" || linkOf(page.Links, "prev") == "" {
		t.Errorf("page 2 %+v", page)
	}
	// The box touches only the rural community (120.1–120.2); a box
	// between the fixture's polygons' vertices still finds the polygon
	// that contains it.
	for box, want := range map[string]string{
		"120.15,32.01,120.3,32.09":     "320612001201",
		"120.05,32.04,120.06,32.05":    "320612001001",
		"120.3,32.3,120.4,32.4":        "",
		"120.12,32.02,120.13,32.03,0,": "",
	} {
		resp, body := s.fetch(t, "/ogc/collections/communities/items?bbox="+box)
		if want == "" {
			if strings.Count(box, ",") == 5 {
				if resp.StatusCode != 400 {
					t.Errorf("bbox %s: status %d", box, resp.StatusCode)
				}
				continue
			}
		}
		var got ogcItems
		json.Unmarshal(body, &got)
		var codes []string
		for _, f := range got.Features {
			codes = append(codes, f.ID)
		}
		if strings.Join(codes, ",") != want {
			t.Errorf("bbox %s: %v, want %s", box, codes, want)
		}
	}
	var one struct {
		ID         string
		Properties map[string]any
		Links      []ogcLink
	}
	s.get(t, "/ogc/collections/facilities/items/F2", 200, &one)
	if one.ID != "F2" || one.Properties["floor_area_m2"] != 450.0 || linkOf(one.Links, "collection") == "" {
		t.Errorf("feature %+v", one)
	}
}

func TestOGCHTML(t *testing.T) {
	s := newServer(t, fixture())
	for _, path := range []string{"/ogc?f=html", "/ogc/conformance?f=html", "/ogc/collections?f=html", "/ogc/collections/grids?f=html",
		"/ogc/collections/communities/items?f=html&limit=1", "/ogc/collections/grids/items/G1?f=html", "/ogc/api?f=html"} {
		resp, body := s.fetch(t, path)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "</html>") {
			t.Errorf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	_, body := s.fetch(t, "/ogc/collections/communities/items?f=html&limit=1")
	if !strings.Contains(string(body), "甲社区居委会") || !strings.Contains(string(body), `rel="next"`) && !strings.Contains(string(body), ">next<") {
		t.Errorf("items page:\n%s", body)
	}
}

var ogrFID = regexp.MustCompile(`(?m)^\s+code \(String\) = (\d+)$`)

// GDAL's OGC API – Features driver, a real client, lists the collections
// and reads every feature of the seeded township and community collections
// page by page.
func TestOGCReadByGDAL(t *testing.T) {
	ogrtest.Require(t)
	s := newServerOn(t, openSQLite(t), nil)
	auth := []string{"--config", "GDAL_HTTP_HEADERS", "Authorization: Bearer " + s.token}
	info := ogrtest.Run(t, "ogrinfo", append(auth, "-ro", "OAPIF:"+s.URL+"/ogc")...)
	for _, c := range []string{"counties", "townships", "communities", "facilities", "grids"} {
		if !strings.Contains(info, ": "+c+" (") {
			t.Errorf("collection %s not listed:\n%s", c, info)
		}
	}
	var regions struct{ Items []struct{ Code string } }
	for _, tc := range []struct {
		collection, level, pageSize string
	}{{"townships", "township", "25"}, {"communities", "community", "1000"}} {
		s.get(t, "/api/v1/regions?level="+tc.level, 200, &regions)
		out := ogrtest.Run(t, "ogrinfo", append(auth, "-ro", "-oo", "PAGE_SIZE="+tc.pageSize, "-al", "-geom=NO", "OAPIF:"+s.URL+"/ogc", tc.collection)...)
		var got []string
		for _, m := range ogrFID.FindAllStringSubmatch(out, -1) {
			got = append(got, m[1])
		}
		sort.Strings(got)
		want := make([]string, len(regions.Items))
		for i, r := range regions.Items {
			want[i] = r.Code
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: GDAL read %d features, the API lists %d", tc.collection, len(got), len(want))
		}
	}
	out := ogrtest.Run(t, "ogrinfo", append(auth, "-ro", "-so", "OAPIF:"+s.URL+"/ogc", "counties")...)
	if !strings.Contains(out, "Feature Count: 8") || !strings.Contains(out, "registered_volunteers: Real") {
		t.Errorf("counties summary:\n%s", out)
	}
}

// rawCollection is a FeatureCollection with its features' bytes as sent.
type rawCollection struct {
	NumberMatched, NumberReturned int
	Features                      []json.RawMessage
}

func (s *testServer) rawFeatures(t *testing.T, path string) rawCollection {
	t.Helper()
	var out rawCollection
	resp := s.get(t, path, 200, &out)
	// The items' length is known before they are sent.
	if strings.HasPrefix(path, "/ogc/") && resp.ContentLength < 0 {
		t.Errorf("%s: no Content-Length", path)
	}
	return out
}

func featureID(t *testing.T, f json.RawMessage) string {
	var v struct{ ID string }
	if err := json.Unmarshal(f, &v); err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// Every collection's items, whole, paged and filtered by a box, are byte
// for byte the features of the GeoJSON export of the same data and period,
// which builds and encodes its layer afresh for each request.
func TestOGCItemsAreTheExportsFeatures(t *testing.T) {
	s := newServerOn(t, openSQLite(t), nil)
	var periods []int
	s.get(t, "/api/v1/periods", 200, &struct{ Items *[]int }{&periods})
	if len(periods) < 2 {
		t.Fatalf("seeded periods %v", periods)
	}
	exports := map[string]string{
		"counties": "regions.geojson?level=county", "townships": "regions.geojson?level=township",
		"communities": "regions.geojson?level=community", "facilities": "facilities.geojson", "grids": "grids.geojson",
	}
	for id, export := range exports {
		for _, period := range periods[len(periods)-2:] {
			p := fmt.Sprintf("&period=%d", period)
			sep := map[bool]string{true: "&", false: "?"}[strings.Contains(export, "?")]
			want := s.rawFeatures(t, "/api/v1/export/"+export+sep+p[1:]).Features
			items := "/ogc/collections/" + id + "/items?limit=10000" + p
			got := s.rawFeatures(t, items)
			if len(want) == 0 || got.NumberMatched != len(want) || fmt.Sprint(got.Features) != fmt.Sprint(want) {
				t.Fatalf("%s: %d items of %d, the export has %d features", items, got.NumberReturned, got.NumberMatched, len(want))
			}
			page := s.rawFeatures(t, "/ogc/collections/"+id+"/items?limit=5&offset=3"+p).Features
			if fmt.Sprint(page) != fmt.Sprint(want[3:min(8, len(want))]) {
				t.Errorf("%s: page at offset 3 is not the export's features 3–7", id)
			}
			checkBBoxPage(t, s, id, p, want)
		}
	}
}

// checkBBoxPage: a box around the middle of the collection's extent
// matches a subset of its features, in their order, paged the same way.
func checkBBoxPage(t *testing.T, s *testServer, id, period string, all []json.RawMessage) {
	t.Helper()
	var col struct {
		Extent struct{ Spatial struct{ BBox [][4]float64 } }
	}
	s.get(t, "/ogc/collections/"+id, 200, &col)
	e := col.Extent.Spatial.BBox[0]
	cx, cy, w, h := (e[0]+e[2])/2, (e[1]+e[3])/2, (e[2]-e[0])/10, (e[3]-e[1])/10
	box := fmt.Sprintf("%f,%f,%f,%f", cx-w, cy-h, cx+w, cy+h)
	matched := s.rawFeatures(t, "/ogc/collections/"+id+"/items?limit=10000&bbox="+box+period)
	pos := map[string]int{}
	for i, f := range all {
		pos[featureID(t, f)] = i
	}
	last := -1
	for _, f := range matched.Features {
		i, ok := pos[featureID(t, f)]
		if !ok || i <= last || string(f) != string(all[i]) {
			t.Fatalf("%s bbox %s: feature %s is not the next of the whole collection's", id, box, featureID(t, f))
		}
		last = i
	}
	if len(matched.Features) < 2 || len(matched.Features) == len(all) {
		t.Fatalf("%s bbox %s: matched %d of %d features", id, box, len(matched.Features), len(all))
	}
	page := s.rawFeatures(t, "/ogc/collections/"+id+"/items?limit=2&offset=1&bbox="+box+period)
	if page.NumberMatched != len(matched.Features) || fmt.Sprint(page.Features) != fmt.Sprint(matched.Features[1:3]) {
		t.Errorf("%s bbox %s: page of 2 at offset 1 differs from the whole match", id, box)
	}
}
