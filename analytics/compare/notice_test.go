package compare_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/seeds"
)

// seedRegion is a region as the seed file gives it.
type seedRegion struct {
	Code, Name, Level, Parent, Kind string
	Population                      float64
}

// seedData reads the seed regions and observations straight from their
// files, bypassing the importers.
func seedData(t testing.TB) (map[string]seedRegion, [][]string, *analytics.Dataset) {
	t.Helper()
	raw, err := seeds.Files.ReadFile(seeds.RegionsFile)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct{ Properties seedRegion }
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	regions := map[string]seedRegion{}
	d := &analytics.Dataset{}
	for _, f := range fc.Features {
		p := f.Properties
		regions[p.Code] = p
		d.Regions = append(d.Regions, analytics.Region{Code: p.Code, Name: p.Name, Level: analytics.Level(p.Level),
			Parent: p.Parent, Kind: analytics.Kind(p.Kind), Population: int64(p.Population)})
	}
	raw, err = seeds.Files.ReadFile(seeds.ObservationsFile)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[1:]
	for _, r := range rows {
		period, _ := strconv.Atoi(r[2])
		v, _ := strconv.ParseFloat(r[3], 64)
		d.Observations = append(d.Observations, analytics.Observation{Indicator: r[0], Region: r[1], Period: period, Value: v})
	}
	return regions, rows, d
}

// kindSums are one county's communities of one kind for one indicator and
// year.
type kindSums struct{ n, met, sum, weighted, pop float64 }

// passesBlendFailsNotice lists, worked from the raw rows alone, the
// county-years whose value meets the urban/rural blend of the bounds but
// where urban or rural communities miss their own bound — the verdicts the
// notice gives and a blended target hides.
func passesBlendFailsNotice(cat *analytics.Catalogue, regions map[string]seedRegion, rows [][]string) []string {
	sums := map[string]*[2]kindSums{} // county|year|indicator → urban, rural
	for _, r := range rows {
		ind, _ := cat.Indicator(r[0])
		c := regions[r[1]]
		if ind.DataLevel != analytics.Community {
			continue
		}
		v, _ := strconv.ParseFloat(r[3], 64)
		k, bound := 0, ind.Target.Urban
		if c.Kind == "rural" {
			k, bound = 1, ind.Target.Rural
		}
		key := regions[c.Parent].Parent + "|" + r[2] + "|" + r[0]
		if sums[key] == nil {
			sums[key] = &[2]kindSums{}
		}
		s := &sums[key][k]
		s.n++
		if bound.Meets(ind.Target.Comparator, v) {
			s.met++
		}
		s.sum, s.weighted, s.pop = s.sum+v, s.weighted+v*c.Population, s.pop+c.Population
	}
	var out []string
	for key, ks := range sums {
		var county, year, id string
		fmt.Sscanf(bytesToSpace(key), "%s %s %s", &county, &year, &id)
		ind, _ := cat.Indicator(id)
		tgt := ind.Target
		if ind.Rollup.Method == analytics.ShareMeeting {
			tgt = *ind.Rollup.Target
		}
		if tgt.OneTarget() {
			continue
		}
		value := func(s kindSums) float64 {
			switch ind.Rollup.Method {
			case analytics.ShareMeeting:
				return 100 * s.met / s.n
			case analytics.WeightedMean:
				return s.weighted / s.pop
			}
			return s.sum / s.n
		}
		weight := func(s kindSums) float64 {
			if ind.Rollup.Method == analytics.WeightedMean {
				return s.pop
			}
			return s.n
		}
		all := kindSums{ks[0].n + ks[1].n, ks[0].met + ks[1].met, ks[0].sum + ks[1].sum, ks[0].weighted + ks[1].weighted, ks[0].pop + ks[1].pop}
		blend := tgt.Blend(weight(ks[0]), weight(ks[1]))
		failsOwn := (ks[0].n > 0 && !tgt.Urban.Meets(tgt.Comparator, value(ks[0]))) ||
			(ks[1].n > 0 && !tgt.Rural.Meets(tgt.Comparator, value(ks[1])))
		if blend.Meets(tgt.Comparator, value(all)) && failsOwn {
			out = append(out, regions[county].Name+" "+year+" "+id)
		}
	}
	slices.Sort(out)
	return out
}

func bytesToSpace(s string) string {
	return string(bytes.ReplaceAll([]byte(s), []byte("|"), []byte(" ")))
}

// hiddenByBlend lists the county-years the scorecard judges unmet while
// their value meets the blended target it shows.
func hiddenByBlend(s *analytics.Snapshot, periods []int) (hidden, notJudged []string) {
	for _, p := range periods {
		sc := compare.NewScorecard(s, s.Select(analytics.County, ""), p)
		for _, row := range sc.Rows {
			for _, c := range row.Cells {
				if c.Value == nil {
					continue
				}
				name := row.Name + " " + strconv.Itoa(p) + " " + c.Indicator
				switch {
				case c.Verdict == compare.NotJudged && c.NotJudged == analytics.NoTarget && c.Target == nil:
					notJudged = append(notJudged, name)
				case c.Split && c.Verdict == compare.Unmet && compare.Score(*c.Target, *c.Value) == 1:
					hidden = append(hidden, name)
				}
			}
		}
	}
	slices.Sort(hidden)
	return hidden, notJudged
}

// TestNoticeVerdictsOnTheSeeds: the county-years a blended target passes
// while the notice's urban or rural bar fails — 启东 2013 (urban open-plan
// 94.9%), 如东 2013 (rural one-stop 78.7%) and five more — are exactly the
// ones the scorecard now judges unmet; under the dated catalogue those of
// 2012 and 2014 are not judged at all.
func TestNoticeVerdictsOnTheSeeds(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	regions, rows, d := seedData(t)
	want := passesBlendFailsNotice(cat, regions, rows)
	if len(want) != 7 || !slices.Contains(want, "启东市 2013 open_plan_office") || !slices.Contains(want, "如东县 2013 one_stop_service") {
		t.Fatalf("worked from the seeds: %v; want 7 county-years including 启东 2013 open-plan and 如东 2013 one-stop", want)
	}

	// Every target applied every year, as before targets were dated.
	undated := *cat
	undated.Indicators = slices.Clone(cat.Indicators)
	for i := range undated.Indicators {
		undated.Indicators[i].Applies = &analytics.Applies{From: 2000, Deadline: analytics.ByYear, Wording: "test"}
	}
	reindex, _ := json.Marshal(&undated)
	undatedCat, err := analytics.ParseCatalogue(reindex)
	if err != nil {
		t.Fatal(err)
	}
	periods := []int{2012, 2013, 2014}
	got, _ := hiddenByBlend(analytics.NewSnapshot(1, undatedCat, d), periods)
	if !slices.Equal(got, want) {
		t.Errorf("scorecard, targets undated: unmet behind a met blend %v\nwant %v", got, want)
	}

	got, notJudged := hiddenByBlend(analytics.NewSnapshot(1, cat, d), periods)
	var want2013 []string
	for _, w := range want {
		if bytes.Contains([]byte(w), []byte(" 2013 ")) {
			want2013 = append(want2013, w)
		} else if !slices.Contains(notJudged, w) {
			t.Errorf("%s: judged against the 2013 target", w)
		}
	}
	if !slices.Equal(got, want2013) {
		t.Errorf("scorecard, dated targets: %v, want %v", got, want2013)
	}
}

// BenchmarkSeedScorecard builds the county scorecard of one year on the
// Nantong seeds from a fresh snapshot: every indicator rolled up with its
// urban, rural and overall verdicts.
func BenchmarkSeedScorecard(b *testing.B) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		b.Fatal(err)
	}
	_, _, d := seedData(b)
	for b.Loop() {
		ds := *d
		s := analytics.NewSnapshot(1, cat, &ds)
		compare.NewScorecard(s, s.Select(analytics.County, ""), 2013)
	}
}
