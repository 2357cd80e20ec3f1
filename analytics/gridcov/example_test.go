package gridcov_test

import (
	"fmt"

	"github.com/community-atlas/atlas/analytics/gridcov"
)

// The township of the test fixture: one community with a gap, an overlap
// and a grid sticking out; one tiled exactly; one without grids.
func Example() {
	cov, err := gridcov.Of(fixture())
	if err != nil {
		panic(err)
	}
	for _, c := range cov.Communities("320612001") {
		fmt.Printf("%s: %d grids, covered %.3f, %d gaps, %d overlaps, full coverage %v\n",
			c.Code, len(c.Grids), c.CoveredShare(), len(c.Gaps), len(c.Overlaps), c.FullCoverage())
	}
	s := gridcov.Summarise(cov.Communities("320612001"), gridcov.DefaultBand)
	fmt.Printf("township: covered %.3f, %d of %d communities fully covered, %.0f households in gaps\n",
		s.CoveredShare(), s.CommunitiesFull, s.Communities, s.GapHouseholds)
	// Output:
	// 320612001001: 4 grids, covered 0.750, 1 gaps, 1 overlaps, full coverage false
	// 320612001002: 2 grids, covered 1.000, 0 gaps, 0 overlaps, full coverage true
	// 320612001003: 0 grids, covered 0.000, 1 gaps, 0 overlaps, full coverage false
	// township: covered 0.625, 1 of 3 communities fully covered, 750 households in gaps
}
