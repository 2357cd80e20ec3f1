package server

import (
	"cmp"
	"slices"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/classify"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/analytics/gridcov"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/server/brief"
)

// briefWeakest is how many shortfalls a brief lists.
const briefWeakest = 5

// BriefOf assembles the leader's brief of region code for a period (0 for
// the one the most targets judge, see Snapshot.JudgedPeriod), mapping indicator (nil for the brief's weakest indicator).
// Every figure comes from the analytics the API answers with: the
// scorecard and composite index among the region's peers (the regions of
// its level under the same parent; townships among townships, see
// Snapshot.Peers), attainment by department, the
// choropleth of its children, and the health-circle and grid coverage gaps
// with the health options ho.
func BriefOf(s *analytics.Snapshot, ho healthcov.Options, reg *analytics.Region, period int, ind *analytics.Indicator, now time.Time) (*brief.Brief, error) {
	if period == 0 {
		period = s.JudgedPeriod()
	}
	b := &brief.Brief{Code: reg.Code, Name: reg.Name, Level: brief.LevelNames[string(reg.Level)], Period: period,
		Version: s.Key(), Generated: now}
	if p, ok := s.Region(reg.Parent); ok {
		b.Parent = p.Name
	}
	sc := compare.NewScorecard(s, s.Peers(reg), period)
	r := slices.IndexFunc(sc.Rows, func(row compare.Row) bool { return row.Code == reg.Code })
	idx := compare.Index(sc, compare.EqualWeights())
	b.Headline = headline(s, sc, idx, r, reg, b.Parent)
	b.Weakest = weakest(s.Catalogue, sc, idx[r])
	own := []*analytics.Region{reg}
	for _, a := range compare.ByDepartment(compare.NewScorecard(s, own, period), s.Catalogue, compare.NewChecklistCard(s, own, period)) {
		if a.Judged > 0 {
			b.Depts = append(b.Depts, brief.Department{Name: a.Name.ZH, Met: a.Met, Judged: a.Judged})
		}
	}
	if ind == nil {
		ind = mapIndicator(s.Catalogue, b.Weakest)
	}
	m, err := briefMap(s, ho, reg, period, ind)
	if err != nil {
		return nil, err
	}
	b.Map = *m
	return b, nil
}

// headline reads the region's row r of the peers' scorecard and index, and
// its own scorecard of the previous period.
func headline(s *analytics.Snapshot, sc *compare.Scorecard, idx []compare.IndexRow, r int, reg *analytics.Region, parent string) brief.Headline {
	h := brief.Headline{Met: sc.Rows[r].Met, Judged: sc.Rows[r].Judged, Previous: sc.Previous,
		PeerGroup: brief.PeerGroup(parent, string(reg.Level))}
	if idx[r].Rank != nil {
		h.Rank = *idx[r].Rank
		for _, row := range idx {
			if row.Rank != nil {
				h.Peers++
			}
		}
	}
	if h.Previous != 0 {
		prev := compare.NewScorecard(s, []*analytics.Region{reg}, h.Previous)
		h.PrevMet, h.PrevJudged = prev.Rows[0].Met, prev.Rows[0].Judged
	}
	return h
}

// weakest lists the indicators the region misses, lowest index score
// first (the score puts shortfalls of every unit on one 0–1 scale), the
// larger relative gap breaking ties by catalogue order.
func weakest(cat *analytics.Catalogue, sc *compare.Scorecard, row compare.IndexRow) []brief.Shortfall {
	cells := sc.Rows[slices.IndexFunc(sc.Rows, func(r compare.Row) bool { return r.Code == row.Code })].Cells
	var out []brief.Shortfall
	for _, d := range row.Scores {
		i := sc.ColumnOf(d.Indicator)
		c := cells[i]
		if *c.Meets {
			continue
		}
		ind, _ := cat.Indicator(d.Indicator)
		out = append(out, brief.Shortfall{ID: ind.ID, Name: ind.Name.ZH, Unit: sc.Columns[i].Unit, Value: *c.Value,
			Target: bound(c), Comparator: string(c.Target.Comparator), Gap: *c.Gap, Score: d.Score,
			Departments: departmentNames(cat, ind)})
	}
	slices.SortStableFunc(out, func(a, b brief.Shortfall) int { return cmp.Compare(a.Score, b.Score) })
	return out[:min(len(out), briefWeakest)]
}

// bound is the bound a cell's value falls short of: the minimum, or the
// maximum for a ceiling or a value above a range.
func bound(c compare.Cell) float64 {
	t := c.Target
	if t.Min != nil && (t.Max == nil || *c.Value < *t.Min) {
		return *t.Min
	}
	return *t.Max
}

func departmentNames(cat *analytics.Catalogue, ind *analytics.Indicator) []string {
	out := make([]string, len(ind.Departments))
	for i, d := range ind.Departments {
		out[i] = cat.Departments[d].ZH
	}
	return out
}

// mapIndicator is the brief's weakest indicator, or the catalogue's first
// when nothing falls short.
func mapIndicator(cat *analytics.Catalogue, weak []brief.Shortfall) *analytics.Indicator {
	if len(weak) > 0 {
		if ind, ok := cat.Indicator(weak[0].ID); ok {
			return ind
		}
	}
	return &cat.Indicators[0]
}

// briefMap is the choropleth of the region's children (of the region
// itself when it has none) with the app's default classes, and the
// coverage gaps inside it.
func briefMap(s *analytics.Snapshot, ho healthcov.Options, reg *analytics.Region, period int, ind *analytics.Indicator) (*brief.Map, error) {
	areas := s.Children(reg.Code)
	if len(areas) == 0 {
		areas = []*analytics.Region{reg}
	}
	q := &choroplethQuery{ind: ind, level: areas[0].Level, period: period, method: string(classify.Quantile),
		classes: defaultClasses, palette: classify.DefaultPalette, regions: areas}
	ch, err := buildChoropleth(s, q)
	if err != nil {
		return nil, err
	}
	m := &brief.Map{Indicator: ind.Name.ZH, Unit: ch.Unit, Outline: reg.Geometry}
	for i, it := range ch.Items {
		m.Areas = append(m.Areas, brief.Area{Name: it.Name, Geometry: areas[i].Geometry, Label: areas[i].LabelPoint, Colour: it.Colour})
	}
	for _, l := range ch.Legend {
		m.Legend = append(m.Legend, brief.LegendEntry{Label: l.Label, Colour: l.Colour})
	}
	if ch.NoData.Count > 0 {
		m.Legend = append(m.Legend, brief.LegendEntry{Label: ch.NoData.LabelZH, Colour: ch.NoData.Colour})
	}
	if err := coverageGaps(s, ho, reg, m); err != nil {
		return nil, err
	}
	return m, nil
}

// coverageGaps adds the uncovered clusters of the health circle and the
// grid gaps inside reg.
func coverageGaps(s *analytics.Snapshot, ho healthcov.Options, reg *analytics.Region, m *brief.Map) error {
	_, hc, err := healthCoverage(s, ho)
	if err != nil {
		return err
	}
	for _, cl := range hc.Uncovered(reg) {
		m.HealthGaps = append(m.HealthGaps, cl.Geometry)
		m.Uncovered += cl.Population
	}
	gc, err := gridcov.Of(s)
	if err != nil {
		return err
	}
	for _, cc := range gc.Communities(reg.Code) {
		for _, g := range cc.Gaps {
			m.GridGaps = append(m.GridGaps, g.Geometry)
			m.GapArea += g.AreaM2 / 1e6
		}
	}
	return nil
}
