// Package derive computes the observations of the catalogue's computed
// indicators from a snapshot's geometry: the 15-minute health circle
// (healthcov), grid-based management (gridcov), the service-centre floor
// areas and the police posts (standards). The snapshot calls it once per
// data version (analytics.Snapshot.WithDeriver), and every answer — map,
// dashboard, scorecard, exports, OGC — then reads the same values from the
// snapshot. The seed generator calls it too, so that the reported values it
// writes start from what the geometry says.
package derive

import (
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/gridcov"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/analytics/standards"
)

// Deriver returns the snapshot's deriver for health-circle options o (the
// service's defaults: the coverage API answers the same without parameters).
func Deriver(o healthcov.Options) analytics.Deriver {
	return func(s *analytics.Snapshot) []analytics.Derived { return All(s, o) }
}

// All derives every computed indicator of s's catalogue for the period
// s.DerivedPeriod(), where the geometry allows. An analysis that fails
// (options it cannot use) derives nothing, and the reported values stand.
func All(s *analytics.Snapshot, o healthcov.Options) []analytics.Derived {
	return ForPeriod(s, o, s.DerivedPeriod())
}

// ForPeriod derives every computed indicator of s's catalogue for period
// (nothing for period 0).
func ForPeriod(s *analytics.Snapshot, o healthcov.Options, period int) []analytics.Derived {
	if period == 0 {
		return nil
	}
	var out []analytics.Derived
	for i := range s.Catalogue.Indicators {
		ind := &s.Catalogue.Indicators[i]
		if ind.Computed == nil {
			continue
		}
		d := &deriving{s: s, ind: ind, period: period}
		switch ind.Computed.By {
		case "health_circle":
			d.healthCircle(o)
		case "grid_coverage":
			d.gridCoverage()
		case "floor_area":
			d.floorArea()
		case "police_posts":
			d.policePosts()
		}
		out = append(out, d.out...)
	}
	return out
}

// deriving gathers one indicator's derived observations.
type deriving struct {
	s      *analytics.Snapshot
	ind    *analytics.Indicator
	period int
	out    []analytics.Derived
}

func (d *deriving) add(region string, v float64, method string, inputs map[string]float64) {
	d.out = append(d.out, analytics.Derived{
		Observation: analytics.Observation{Indicator: d.ind.ID, Region: region, Period: d.period, Value: v},
		Method:      method, Inputs: inputs,
	})
}

func yes(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// healthCircle: 1 where every resident of the community is inside the
// circle (status full), 0 where some or none are; nothing for a community
// without residents to place.
func (d *deriving) healthCircle(o healthcov.Options) {
	m, err := healthcov.Of(d.s)
	if err != nil {
		return
	}
	cov, err := m.Coverage(o)
	if err != nil {
		return
	}
	minutes := o.Minutes
	if minutes == 0 {
		minutes = 15 // healthcov's default budget
	}
	for _, r := range d.s.Select(d.ind.DataLevel, "") {
		sum, ok := cov.Community(r.Code)
		if !ok || sum.Status() == healthcov.Unpopulated {
			continue
		}
		share, _ := sum.Share()
		method := fmt.Sprintf("health_circle: every resident within %g minutes of a health facility (%s)", minutes, sum.Method())
		d.add(r.Code, yes(sum.Status() == healthcov.Full), method, map[string]float64{
			"population": float64(sum.Placed), "covered_population": sum.Covered, "covered_share": share, "points": float64(sum.Points),
		})
	}
}

// gridCoverage: 1 where the community's grids cover it fully (task 13's
// verdict, gridcov.FullCoverShare), 0 otherwise.
func (d *deriving) gridCoverage() {
	cov, err := gridcov.Of(d.s)
	if err != nil {
		return
	}
	for _, r := range d.s.Select(d.ind.DataLevel, "") {
		c, ok := cov.Community(r.Code)
		if !ok {
			continue
		}
		d.add(r.Code, yes(c.FullCoverage()), fmt.Sprintf("grid_coverage: grids cover at least %g%% of the community's area", 100*gridcov.FullCoverShare),
			map[string]float64{"grids": float64(len(c.Grids)), "covered_share": c.CoveredShare(), "gap_area_m2": c.GapM2, "area_m2": c.AreaM2})
	}
}

// floorArea: at the community level the largest service centre's floor
// area as a percentage of the community's standard, max(400 m², 20 m² per
// 100 households); at the township and county levels its floor area in m².
func (d *deriving) floorArea() {
	st := standards.Of(d.s)
	for _, r := range d.s.Select(d.ind.DataLevel, "") {
		fa, ok := st.Region(r.Code)
		if !ok || fa.FloorArea.Centre == nil {
			continue
		}
		c := fa.FloorArea.Centre
		inputs := map[string]float64{"floor_area_m2": c.FloorAreaM2, "required_m2": c.RequiredM2, "households": float64(r.Households)}
		if r.Level == analytics.Community {
			d.add(r.Code, StandardShare(c.FloorAreaM2, c.RequiredM2),
				"floor_area: the largest service centre's floor area as % of max(400 m², 20 m² per 100 households)", inputs)
			continue
		}
		d.add(r.Code, c.FloorAreaM2, "floor_area: the largest service centre's floor area (m²)", inputs)
	}
}

// StandardShare is a floor area as a percentage of the required area, to
// 0.1 (the precision the seeds and imports use).
func StandardShare(areaM2, requiredM2 float64) float64 {
	if requiredM2 <= 0 {
		return 0
	}
	return float64(int64(areaM2/requiredM2*1000+0.5)) / 10
}

// policePosts: the police posts (社区警务室, each the office of the
// community's officer) that serve the community.
func (d *deriving) policePosts() {
	posts := map[string]int{}
	for _, f := range d.s.Facilities() {
		if f.Type == analytics.PolicePost {
			posts[f.Region]++
		}
	}
	for _, r := range d.s.Select(d.ind.DataLevel, "") {
		n := posts[r.Code]
		d.add(r.Code, float64(n), "police_posts: police posts serving the community, one officer each", map[string]float64{"police_posts": float64(n)})
	}
}
