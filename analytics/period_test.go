package analytics_test

import (
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
)

// TestJudgedPeriod: with data for 2012–2015, the notice's catalogue dates
// most targets for 2013 alone and training for every year from 2013, so
// 2013 is where the most apply; a catalogue without dated targets falls
// back on the latest period.
func TestJudgedPeriod(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	d := tinyDataset()
	for _, p := range []int{2012, 2014, 2015} {
		d.Observations = append(d.Observations, analytics.Observation{Indicator: "registered_volunteers", Region: "320612001001", Period: p, Value: 9})
	}
	most, mostAt := 0, 0
	for _, p := range []int{2012, 2013, 2014, 2015} {
		n := 0
		for _, ind := range cat.Indicators {
			if ind.Applies.Holds(p) {
				n++
			}
		}
		if n >= most && n > 0 {
			most, mostAt = n, p
		}
	}
	if got := analytics.NewSnapshot(1, cat, d).JudgedPeriod(); got != mostAt || got != 2013 {
		t.Errorf("JudgedPeriod = %d, want %d (2013, the notice's year)", got, mostAt)
	}
	for i := range cat.Indicators {
		cat.Indicators[i].Applies = nil
	}
	if got := analytics.NewSnapshot(1, cat, d).JudgedPeriod(); got != 2015 {
		t.Errorf("JudgedPeriod without dated targets = %d, want the latest, 2015", got)
	}
}
