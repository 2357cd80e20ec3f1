package realdata

import (
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/standards"
)

// The seed generator records, as 2014 observations, the floor area of each
// region's service centre (0 where there is none) and whether a community
// has a police post: an independent account of the facilities to hold the
// standards to.
func TestSeedAgreesWithTheGeneratorsObservations(t *testing.T) {
	s := seedSnapshot(t)
	st := standards.Compute(s)
	indicator := map[analytics.Level]string{
		analytics.Community: "service_centre_area", analytics.Township: "township_centre_area", analytics.County: "county_centre_area",
	}
	var checked int
	for _, r := range s.Regions() {
		got, _ := st.Region(r.Code)
		if ind, ok := indicator[r.Level]; ok {
			want, ok := s.Observed(ind, r.Code, 2014)
			if !ok {
				t.Fatalf("%s: no 2014 %s", r.Code, ind)
			}
			if got.FloorArea.Centre.FloorAreaM2 != want {
				t.Errorf("%s: centre floor area %v, the generator says %v", r.Code, got.FloorArea.Centre.FloorAreaM2, want)
			}
			checked++
		}
		if r.Level == analytics.Community {
			officers, _ := s.Observed("police_officers", r.Code, 2014)
			if (officers > 0) != (got.Police.Post != "") {
				t.Errorf("%s: police post %q, the generator says %v officers", r.Code, got.Police.Post, officers)
			}
		}
	}
	if checked != 2005+136+8 {
		t.Errorf("checked %d centres, want 2,149", checked)
	}
}
