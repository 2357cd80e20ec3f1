package realdata

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/gridcov"
	"github.com/paulmach/orb"
)

// decoyPrefix starts the code of a decoy grid (overlaid): after every
// seed grid's code, so a community's own grids keep their places.
const decoyPrefix = "~decoy "

// overlaid is the seeds with one more grid in every community: a decoy, a
// small square in the Gulf of Guinea, far from every region. Its edges
// match nobody's, so the exact tiling test fails, and the residual gaps
// fail too (the decoy's ring, subtracted, runs clockwise): Compute
// measures every community by the overlays. Disjoint from everything, the
// decoy adds only its own area outside the community.
func (sd *seedData) overlaid() *analytics.Snapshot {
	decoy := orb.MultiPolygon{{{{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0.001}, {0, 0}}}}
	d := *sd.d
	d.Grids = slices.Clone(d.Grids)
	for _, r := range sd.d.Regions {
		if r.Level == analytics.Community {
			d.Grids = append(d.Grids, analytics.Grid{Code: decoyPrefix + r.Code, Community: r.Code, Geometry: decoy})
		}
	}
	return analytics.NewSnapshot(1, sd.cat, &d)
}

// On the Nantong seeds, the exact tiling test and the residual gaps agree
// with the overlays for every community.
func TestSeedExactPathsAgreeWithOverlays(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped under -short: it overlays all 2,005 seed communities twice, seconds of CPU")
	}
	sd, err := seed()
	if err != nil {
		t.Fatal(err)
	}
	s := sd.snapshot()
	fast, err := gridcov.Compute(s)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := gridcov.Compute(sd.overlaid())
	if err != nil {
		t.Fatal(err)
	}
	communities := s.Select(analytics.Community, "")
	if len(communities) != 2005 {
		t.Fatalf("%d communities in the seeds, want 2,005", len(communities))
	}
	for _, r := range communities {
		f, _ := fast.Community(r.Code)
		o, _ := slow.Community(r.Code)
		tol := 1e-9 * f.AreaM2
		if math.Abs(f.CoveredM2-o.CoveredM2) > tol || math.Abs(f.GapM2-o.GapM2) > tol ||
			math.Abs(f.OverlapM2-o.OverlapM2) > tol || math.Abs(sumOutside(f)-sumOutside(o)) > tol ||
			len(f.Gaps) != len(o.Gaps) || len(f.Overlaps) != len(o.Overlaps) {
			t.Errorf("%s: exact paths %v\noverlays %v", r.Code, summary(f), summary(o))
		}
	}
}

// sumOutside sums the area of c's grids outside it, decoys left out.
func sumOutside(c *gridcov.Community) float64 {
	var sum float64
	for _, g := range c.Grids {
		if !strings.HasPrefix(g.Code, decoyPrefix) {
			sum += g.OutsideM2
		}
	}
	return sum
}

func summary(c *gridcov.Community) []float64 {
	return []float64{c.CoveredM2, c.GapM2, c.OverlapM2, sumOutside(c), float64(len(c.Gaps)), float64(len(c.Overlaps))}
}
