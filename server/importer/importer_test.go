package importer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/paulmach/orb"
)

// square is a counter-clockwise unit-ish square at (x, y) of side d.
func square(x, y, d float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}}
}

// fixture: county 320612 (120.0–120.2 × 32.0–32.1) → township 320612001
// (its west half) → communities 320612001001 (urban) and 320612001201 (rural).
func fixture(t testing.TB) (*analytics.Catalogue, *analytics.Snapshot) {
	t.Helper()
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	d := &analytics.Dataset{Regions: []analytics.Region{
		{Code: "3206", Name: "南通市", Level: analytics.City, Geometry: orb.MultiPolygon{{{{120, 32}, {120.2, 32}, {120.2, 32.1}, {120, 32.1}, {120, 32}}}}},
		{Code: "320612", Name: "通州区", Level: analytics.County, Parent: "3206", Geometry: orb.MultiPolygon{{{{120, 32}, {120.2, 32}, {120.2, 32.1}, {120, 32.1}, {120, 32}}}}},
		{Code: "320612001", Name: "金沙街道", Level: analytics.Township, Parent: "320612", Geometry: square(120, 32, 0.1)},
		{Code: "320612001001", Name: "甲社区居委会", Level: analytics.Community, Parent: "320612001", Kind: analytics.Urban, Geometry: orb.MultiPolygon{{{{120, 32}, {120.05, 32}, {120.05, 32.1}, {120, 32.1}, {120, 32}}}}},
		{Code: "320612001201", Name: "乙村委会", Level: analytics.Community, Parent: "320612001", Kind: analytics.Rural, Geometry: orb.MultiPolygon{{{{120.05, 32}, {120.1, 32}, {120.1, 32.1}, {120.05, 32.1}, {120.05, 32}}}}},
	}}
	return cat, analytics.NewSnapshot(1, cat, d)
}

// problems returns the import error's problems, failing if err is another kind.
func problems(t *testing.T, err error) []importer.Problem {
	t.Helper()
	var ie *importer.Error
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v (%T), want *importer.Error", err, err)
	}
	return ie.Problems
}

// wantProblem checks that some problem has the row/feature and mentions text.
func wantProblem(t *testing.T, ps []importer.Problem, row, feature int, field, text string) {
	t.Helper()
	for _, p := range ps {
		if p.Row == row && p.Feature == feature && p.Field == field && strings.Contains(p.Message, text) {
			return
		}
	}
	t.Errorf("no problem at row %d feature %d field %q mentioning %q in %+v", row, feature, field, text, ps)
}
