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

// TestDefaultPeriod: the tiny dataset's three communities report 2014; one
// early row for 2015 leaves the default on 2014, and a second community
// reporting 2015 (two of three: at least half) moves it there.
func TestDefaultPeriod(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	obs := func(region string, p int) analytics.Observation {
		return analytics.Observation{Indicator: "registered_volunteers", Region: region, Period: p, Value: 9}
	}
	d := tinyDataset()
	d.Observations = nil
	for _, c := range []string{"320612001001", "320612001201", "320612002201"} {
		d.Observations = append(d.Observations, obs(c, 2014))
	}
	d.Observations = append(d.Observations, obs("320612001001", 2015),
		analytics.Observation{Indicator: "grid_management", Region: "320612001001", Period: 2015, Value: 1})
	s := analytics.NewSnapshot(1, cat, d)
	if got, latest := s.DefaultPeriod(), s.LatestPeriod(); got != 2014 || latest != 2015 {
		t.Errorf("one of three communities in 2015: DefaultPeriod = %d (want 2014), LatestPeriod = %d (want 2015)", got, latest)
	}
	d = tinyDataset()
	d.Observations = nil
	for _, c := range []string{"320612001001", "320612001201", "320612002201"} {
		d.Observations = append(d.Observations, obs(c, 2014))
	}
	d.Observations = append(d.Observations, obs("320612001001", 2015), obs("320612002201", 2015))
	if got := analytics.NewSnapshot(1, cat, d).DefaultPeriod(); got != 2015 {
		t.Errorf("two of three communities in 2015: DefaultPeriod = %d, want 2015", got)
	}
	if got := analytics.NewSnapshot(1, cat, &analytics.Dataset{}).DefaultPeriod(); got != 0 {
		t.Errorf("no observations: DefaultPeriod = %d, want 0", got)
	}
}
