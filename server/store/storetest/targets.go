package storetest

import (
	"errors"
	"reflect"
	"strconv"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// testTargets: target overrides round-trip with their NULL bounds, upsert
// by (indicator, region, period) with the last of a key winning, carry
// their batch, and one naming an unknown region fails the whole Apply,
// naming it.
func testTargets(t *testing.T, s store.Store) {
	m := newModel()
	mustApply(t, s, m, Fixture())
	f := func(v float64) *float64 { return &v }
	first := &store.Changeset{Kind: "targets", Source: "附件1.xlsx", Targets: []analytics.TargetOverride{
		{Indicator: "harmonious_community", Region: CountyCode, Period: 2013, Urban: analytics.Bound{Min: f(80)}, Rural: analytics.Bound{Min: f(1.0 / 3)}},
		{Indicator: "committee_members", Region: UrbanCode, Period: 2013, Urban: analytics.Bound{Min: f(7), Max: f(11)}, Rural: analytics.Bound{Min: f(5), Max: f(7)}},
	}}
	b1 := mustApply(t, s, m, first)
	second := &store.Changeset{Kind: "targets", Source: "附件1 修订.csv", Targets: []analytics.TargetOverride{
		{Indicator: "harmonious_community", Region: CountyCode, Period: 2013, Urban: analytics.Bound{Min: f(1)}, Rural: analytics.Bound{Min: f(1)}},
		{Indicator: "harmonious_community", Region: CountyCode, Period: 2013, Urban: analytics.Bound{Min: f(78)}, Rural: analytics.Bound{Min: f(66)}},
		{Indicator: "mass_incidents", Region: CountyCode, Period: 2014, Urban: analytics.Bound{Max: f(0)}, Rural: analytics.Bound{Max: f(0)}},
	}}
	b2 := mustApply(t, s, m, second)
	want := []analytics.TargetOverride{
		{Indicator: "committee_members", Region: UrbanCode, Period: 2013, Urban: analytics.Bound{Min: f(7), Max: f(11)}, Rural: analytics.Bound{Min: f(5), Max: f(7)}, Batch: b1.ID},
		{Indicator: "harmonious_community", Region: CountyCode, Period: 2013, Urban: analytics.Bound{Min: f(78)}, Rural: analytics.Bound{Min: f(66)}, Batch: b2.ID},
		{Indicator: "mass_incidents", Region: CountyCode, Period: 2014, Urban: analytics.Bound{Max: f(0)}, Rural: analytics.Bound{Max: f(0)}, Batch: b2.ID},
	}
	if got := mustLoad(t, s).Targets; !reflect.DeepEqual(got, want) {
		t.Fatalf("targets loaded:\n%s\nwant\n%s", showTargets(got), showTargets(want))
	}
	bad := &store.Changeset{Kind: "targets", Source: "bad.csv", Targets: []analytics.TargetOverride{
		{Indicator: "one_stop_service", Region: CountyCode, Period: 2015, Urban: analytics.Bound{Min: f(90)}, Rural: analytics.Bound{Min: f(85)}},
		{Indicator: "one_stop_service", Region: "999999", Period: 2015, Urban: analytics.Bound{Min: f(90)}, Rural: analytics.Bound{Min: f(85)}},
	}}
	_, err := s.Apply(t.Context(), bad)
	var re *store.RecordError
	if !errors.As(err, &re) || re.Type != "target" || re.Key != store.ObservationKey("one_stop_service", "999999", 2015) {
		t.Fatalf("Apply of a target for an unknown region: %v, want a *store.RecordError naming it", err)
	}
	if got := mustLoad(t, s).Targets; !reflect.DeepEqual(got, want) {
		t.Fatalf("a failed Apply changed the targets:\n%s", showTargets(got))
	}
}

func showTargets(ts []analytics.TargetOverride) string {
	out := ""
	for _, t := range ts {
		out += t.Indicator + " " + t.Region + " " + bound(t.Urban) + " " + bound(t.Rural) + "\n"
	}
	return out
}

func bound(b analytics.Bound) string {
	s := "["
	for _, p := range []*float64{b.Min, b.Max} {
		if p == nil {
			s += "nil "
		} else {
			s += strconv.FormatFloat(*p, 'g', -1, 64) + " "
		}
	}
	return s + "]"
}
