package analytics_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
)

// Submitted values stand in for the published ones through the same roll-up,
// are marked up the ancestors, and leave the published snapshot as it was.
func TestWithSubmitted(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	pub := analytics.NewSnapshot(1, cat, tinyDataset())
	vol, _ := cat.Indicator("registered_volunteers")
	prov := pub.WithSubmitted([]analytics.Observation{
		{Indicator: "registered_volunteers", Region: "320612001201", Period: 2013, Value: 6},
		{Indicator: "registered_volunteers", Region: "320612002201", Period: 2014, Value: 7},
		{Indicator: "registered_volunteers", Region: "999999999999", Period: 2013, Value: 1}, // not held: dropped
	})
	if !prov.HasSubmitted() || pub.HasSubmitted() {
		t.Fatal("HasSubmitted: want the overlay only")
	}
	// The hierarchy is the published one's: roots, default level, counts.
	if len(prov.Roots()) != 1 || prov.Roots()[0].Code != pub.Roots()[0].Code || prov.DefaultLevel() != pub.DefaultLevel() ||
		prov.LevelCount(analytics.Community) != pub.LevelCount(analytics.Community) || prov.LevelCount(analytics.Community) == 0 {
		t.Errorf("provisional hierarchy: roots %v, default %s, %d communities; published %v, %s, %d", prov.Roots(), prov.DefaultLevel(),
			prov.LevelCount(analytics.Community), pub.Roots(), pub.DefaultLevel(), pub.LevelCount(analytics.Community))
	}
	// Township 001: (10·3000 + 6·1000)/4000 = 9; rural 6 ≥ 5 now meets, urban
	// 10 ≥ 8: the township meets. Published: 8.5, misses.
	got, _ := prov.Rollup(vol, 2013).Get("320612001")
	if math.Abs(got.Value-9) > 1e-9 || !got.Judged || !got.Meets {
		t.Errorf("provisional township: %+v, want 9, judged, meets", got)
	}
	was, _ := pub.Rollup(vol, 2013).Get("320612001")
	if math.Abs(was.Value-8.5) > 1e-9 || was.Meets {
		t.Errorf("published township changed: %+v, want 8.5, misses", was)
	}
	for _, c := range []struct {
		region string
		period int
		want   bool
	}{
		{"320612001201", 2013, true}, {"320612001", 2013, true}, {"320612", 2013, true}, {"3206", 2013, true},
		{"320612001001", 2013, false}, {"320612002", 2013, false}, {"320612002", 2014, true},
	} {
		if got := prov.Provisional("registered_volunteers", c.region, c.period); got != c.want {
			t.Errorf("Provisional(%s, %d) = %v, want %v", c.region, c.period, got, c.want)
		}
	}
	if pub.Provisional("registered_volunteers", "320612001201", 2013) {
		t.Error("the published snapshot marks a value provisional")
	}
	// A round's year with nothing published yet becomes a period of the
	// overlay only.
	if !prov.HasPeriod(2014) || pub.HasPeriod(2014) {
		t.Errorf("periods: provisional %v, published %v", prov.Periods(), pub.Periods())
	}
	if prov.Key() == pub.Key() {
		t.Errorf("keys: both %q", pub.Key())
	}
	other := pub.WithSubmitted([]analytics.Observation{{Indicator: "registered_volunteers", Region: "320612001201", Period: 2013, Value: 5}})
	if other.Key() == prov.Key() {
		t.Errorf("different submissions share the key %q", prov.Key())
	}
	if pub.WithSubmitted(nil) != pub {
		t.Error("nothing submitted: want the published snapshot itself")
	}
}
