package realdata

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/standards"
)

// The seed generator records, as 2014 observations, the floor area of each
// township's and county's service centre (0 where there is none), each
// community's as a percentage of its standard, and the police posts of a
// community (a few without one report an officer all the same): an
// independent account of the facilities to hold the standards to.
func TestSeedAgreesWithTheGeneratorsObservations(t *testing.T) {
	s := seedSnapshot(t)
	st := standards.Compute(s)
	indicator := map[analytics.Level]string{
		analytics.Community: "service_centre_floor_area", analytics.Township: "township_centre_area", analytics.County: "county_centre_area",
	}
	var checked, noPost, overReported int
	for _, r := range s.Regions() {
		got, _ := st.Region(r.Code)
		if ind, ok := indicator[r.Level]; ok {
			rep, ok := s.Reported(ind, r.Code, 2014)
			if !ok {
				t.Fatalf("%s: no 2014 %s", r.Code, ind)
			}
			c := got.FloorArea.Centre
			want := c.FloorAreaM2
			if r.Level == analytics.Community {
				want = math.Round(c.FloorAreaM2/c.RequiredM2*1000) / 10
			}
			if rep != want {
				t.Errorf("%s: centre floor area %v m² of %v, the generator says %v", r.Code, c.FloorAreaM2, c.RequiredM2, rep)
			}
			checked++
		}
		if r.Level == analytics.Community {
			officers, _ := s.Reported("police_officers", r.Code, 2014)
			switch {
			case got.Police.Post != "" && officers < 1:
				t.Errorf("%s: police post %q, the generator says %v officers", r.Code, got.Police.Post, officers)
			case got.Police.Post == "":
				noPost++
				if officers > 0 {
					overReported++
				}
			}
		}
	}
	if noPost == 0 || overReported > noPost/10 {
		t.Errorf("%d of %d communities without a police post report an officer", overReported, noPost)
	}
	if checked != 2005+136+8 {
		t.Errorf("checked %d centres, want 2,149", checked)
	}
}
