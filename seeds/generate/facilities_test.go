package main

import (
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
)

func TestFacilities(t *testing.T) {
	a := testAtlas(t)
	regions := map[string]*region{}
	for _, r := range a.allRegions() {
		regions[r.code] = r
	}
	ids := map[string]bool{}
	perRegion := map[string]map[analytics.FacilityType]int{}
	var belowStd, centres int
	for _, f := range a.facilities {
		r := regions[f.region]
		if r == nil {
			t.Fatalf("%s: unknown region %s", f.id, f.region)
		}
		if !f.typ.Valid() {
			t.Errorf("%s: type %q", f.id, f.typ)
		}
		if want := fmt.Sprintf("F-%s-%s-1", f.region, f.typ); f.id != want || ids[f.id] {
			t.Errorf("id %s, want unique %s", f.id, want)
		}
		ids[f.id] = true
		if !geo.PointInMultiPolygon(r.geom, f.pt) {
			t.Errorf("%s at %v is outside %s %s", f.id, f.pt, r.code, r.name)
		}
		if f.name == "" || !strings.HasPrefix(f.name, shortName(r.name)[:3]) {
			t.Errorf("%s: name %q does not name %s", f.id, f.name, r.name)
		}
		if perRegion[f.region] == nil {
			perRegion[f.region] = map[analytics.FacilityType]int{}
		}
		perRegion[f.region][f.typ]++
		switch f.typ {
		case analytics.PolicePost:
			if f.area != 0 {
				t.Errorf("%s: police post with floor area %v", f.id, f.area)
			}
		case analytics.HealthStation, analytics.VillageClinic:
			if r.level != analytics.Community || (f.typ == analytics.HealthStation) != (r.kind == analytics.Urban) {
				t.Errorf("%s: %s in %s %s", f.id, f.typ, r.level, r.kind)
			}
		case analytics.ServiceCentre:
			if f.area <= 0 {
				t.Errorf("%s: service centre without floor area", f.id)
			}
			if r.level == analytics.Community {
				centres++
				if f.area < max(communityCentreMin, communityCentrePer100*float64(r.hh)/100) {
					belowStd++
				}
			}
		}
	}
	for _, tw := range a.townships {
		if n := perRegion[tw.code]; n[analytics.HealthCentre] != 1 || n[analytics.ServiceCentre] != 1 {
			t.Errorf("township %s has %v", tw.code, n)
		}
	}
	for _, c := range a.counties {
		if n := perRegion[c.code]; n[analytics.ServiceCentre] != 1 {
			t.Errorf("county %s has %v", c.code, n)
		}
	}
	share := func(types ...analytics.FacilityType) float64 {
		n := 0
		for _, c := range a.communities {
			for _, ty := range types {
				n += perRegion[c.code][ty]
			}
		}
		return float64(n) / float64(len(a.communities))
	}
	for _, s := range []struct {
		what   string
		got    float64
		lo, hi float64
	}{
		{"clinics", share(analytics.HealthStation, analytics.VillageClinic), 0.80, 0.90},
		{"police posts", share(analytics.PolicePost), 0.86, 0.94},
		{"service centres", share(analytics.ServiceCentre), 0.92, 0.98},
		{"centres below standard", float64(belowStd) / float64(centres), 0.05, 0.40},
	} {
		if s.got < s.lo || s.got > s.hi {
			t.Errorf("%s: %.3f, want %.2f–%.2f", s.what, s.got, s.lo, s.hi)
		}
	}
}

func TestFacilitiesCSV(t *testing.T) {
	a := testAtlas(t)
	rows, err := csv.NewReader(strings.NewReader(string(facilitiesCSV(a)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "id,type,name,lon,lat,floor_area_m2,region" || len(rows) != len(a.facilities)+1 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	for _, row := range rows[1:] {
		if row[1] == string(analytics.PolicePost) && row[5] != "" {
			t.Errorf("%s: floor area %q", row[0], row[5])
		}
	}
}
