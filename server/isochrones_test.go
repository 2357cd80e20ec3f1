package server_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

type isochroneFeature struct {
	Type       string
	Geometry   struct{ Type string }
	Properties struct {
		Facility          *string
		Mode              string
		Minutes           float64
		ReachableNodes    *int     `json:"reachable_nodes"`
		ReachableLengthKM *float64 `json:"reachable_length_km"`
		Estimate          bool
		Method            string
		AreaKM2           float64 `json:"area_km2"`
		Networks          []string
	}
}

func TestIsochronesWithoutNetwork(t *testing.T) {
	s := newServer(t, healthFixture())
	var f isochroneFeature
	s.get(t, "/api/v1/isochrones?facility=F1", 200, &f)
	// F1 lies in the urban 甲: a 15-minute walk, 769 m in a straight line.
	r := 900 * 4 / 3.6 / 1.3 / 1000
	if f.Type != "Feature" || f.Properties.Mode != "walk" || !f.Properties.Estimate || f.Properties.Method != "straight_line" ||
		f.Properties.ReachableNodes != nil || f.Properties.ReachableLengthKM != nil || math.Abs(f.Properties.AreaKM2-math.Pi*r*r) > 0.01*math.Pi*r*r {
		t.Fatalf("isochrone of F1: %+v", f.Properties)
	}
	var fc struct {
		Features []isochroneFeature
	}
	s.get(t, "/api/v1/isochrones.geojson?facility_types=health_station,service_centre", 200, &fc)
	if len(fc.Features) != 2 || fc.Features[0].Properties.Mode != "walk" || fc.Features[1].Properties.Mode != "bicycle" {
		t.Fatalf("merged: %+v", fc.Features)
	}
	for _, c := range []struct {
		query  string
		status int
		param  string
	}{
		{"facility=nope", 404, ""},
		{"lon=120.05", 400, "facility"},
		{"lon=200&lat=32", 400, "lon"},
		{"lon=120&lat=x", 400, "lat"},
		{"facility=F1&mode=plane", 400, "mode"},
	} {
		var p problem
		s.get(t, "/api/v1/isochrones?"+c.query, c.status, &p)
		if p.Param != c.param {
			t.Errorf("%s: param %q, want %q", c.query, p.Param, c.param)
		}
	}
}

// streetGrid is OSM XML of a 5 × 5 street grid with 200 m blocks, its
// south-west corner at (lon, lat).
func streetGrid(lon, lat float64) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><osm version="0.6">`)
	dlon, dlat := 200/(111195.08*math.Cos(lat*math.Pi/180)), 200/111195.08
	for j := range 5 {
		for i := range 5 {
			fmt.Fprintf(&b, `<node id="%d" lon="%.7f" lat="%.7f"/>`, j*5+i+1, lon+float64(i)*dlon, lat+float64(j)*dlat)
		}
	}
	for k := range 5 {
		b.WriteString(fmt.Sprintf(`<way id="%d">`, k+1))
		for i := range 5 {
			fmt.Fprintf(&b, `<nd ref="%d"/>`, k*5+i+1)
		}
		b.WriteString(`<tag k="highway" v="residential"/></way>`)
		b.WriteString(fmt.Sprintf(`<way id="%d">`, k+11))
		for j := range 5 {
			fmt.Fprintf(&b, `<nd ref="%d"/>`, j*5+k+1)
		}
		b.WriteString(`<tag k="highway" v="residential"/></way>`)
	}
	b.WriteString(`</osm>`)
	return []byte(b.String())
}

// TestHealthWithNetwork imports a street grid round F1 over HTTP and checks
// that isochrones and coverage then travel on it.
func TestHealthWithNetwork(t *testing.T) {
	s := newServer(t, healthFixture())
	var res struct {
		Counts   map[string]int
		Networks []struct {
			Name  string
			Nodes int
		}
	}
	s.upload(t, "osm", "jinsha.osm", streetGrid(120.0459, 32.0464), 201, &res)
	if res.Counts["networks"] != 1 || len(res.Networks) != 1 || res.Networks[0].Name != "jinsha" || res.Networks[0].Nodes != 25 {
		t.Fatalf("import: %+v", res)
	}
	var nets struct{ Items []struct{ Name string } }
	s.get(t, "/api/v1/networks", 200, &nets)
	if len(nets.Items) != 1 || nets.Items[0].Name != "jinsha" {
		t.Fatalf("networks: %+v", nets)
	}
	var f isochroneFeature
	s.get(t, "/api/v1/isochrones?facility=F1&minutes=10", 200, &f)
	// F1 lies on the middle street, 14 m west of the middle junction. Ten
	// minutes at 4 km/h is 667 m: every junction within 3 blocks (200 m
	// each) of the middle one, all but the 4 corners of the 25, and part of
	// the grid's 8 km of streets.
	if f.Properties.Estimate || f.Properties.Method != "network" || f.Properties.ReachableNodes == nil ||
		*f.Properties.ReachableNodes != 21 || *f.Properties.ReachableLengthKM <= 4 || *f.Properties.ReachableLengthKM >= 8 ||
		len(f.Properties.Networks) != 1 {
		t.Fatalf("isochrone of F1 on the grid: %+v, %d nodes, %g km", f.Properties, *f.Properties.ReachableNodes, *f.Properties.ReachableLengthKM)
	}
	var l healthList
	s.get(t, "/api/v1/coverage/health?level=community", 200, &l)
	if urban := byCode(l.Items)["320612001001"]; urban.Method != "mixed" || !urban.Estimate {
		t.Errorf("甲, partly on the grid: %+v", urban)
	}
	var p problem
	s.upload(t, "osm", "notes.txt", []byte("not a map"), 422, &p)
	if len(p.Errors) != 1 || p.Errors[0].Field != "file" {
		t.Errorf("a text file: %+v", p)
	}
	s.upload(t, "osm", "empty.osm", []byte(`<osm version="0.6"><node id="1" lon="120" lat="32"/></osm>`), 422, &p)
	if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Message, "no highway") {
		t.Errorf("an extract without roads: %+v", p)
	}
	// A grid 0.5° east of the fixture's regions is clipped away, unless
	// the margin reaches it or clipping is off.
	far := streetGrid(120.7, 32.05)
	s.upload(t, "osm", "far.osm", far, 422, &p)
	if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Message, "comes within 2000 m of the atlas's regions") {
		t.Errorf("a grid far away: %+v", p)
	}
	s.uploadForm(t, "osm", "far.osm", far, map[string]string{"margin": "-3"}, 400, &p)
	if p.Param != "margin" {
		t.Errorf("a negative margin: %+v", p)
	}
	var clipped struct {
		Report struct {
			Clip struct {
				Area string
				Kept int `json:"segments_kept"`
			}
		}
	}
	s.uploadForm(t, "osm", "far.osm", far, map[string]string{"margin": "60000", "dry_run": "true"}, 200, &clipped)
	if clipped.Report.Clip.Area != "regions" || clipped.Report.Clip.Kept == 0 {
		t.Errorf("a 60 km margin: %+v", clipped)
	}
	s.uploadForm(t, "osm", "far.osm", far, map[string]string{"clip": "false", "dry_run": "true"}, 200, &clipped)
	if clipped.Report.Clip.Area != "none" || clipped.Report.Clip.Kept == 0 {
		t.Errorf("not clipped: %+v", clipped)
	}
}
