package compare

import (
	"math"
	"slices"

	"github.com/community-atlas/atlas/analytics"
)

// Target is the bound a region's value is judged against.
type Target struct {
	Comparator analytics.Comparator `json:"comparator"`
	Min        *float64             `json:"min,omitempty"`
	Max        *float64             `json:"max,omitempty"`
}

// Cell is one region's standing on one indicator. Pointers are nil where
// there is nothing to say: no data beneath the region (Value), a target that
// does not apply at its level or in the period (Meets, Gap; see Judgement),
// no value in the previous period (Previous, Change).
type Cell struct {
	Indicator string   `json:"indicator"`
	Value     *float64 `json:"value"`
	Judgement
	Rank     *int     `json:"rank"`
	Previous *float64 `json:"previous"`
	Change   *float64 `json:"change"`
}

// Row is one region across every indicator.
type Row struct {
	Code     string             `json:"code"`
	Name     string             `json:"name"`
	Level    analytics.Level    `json:"level"`
	Parent   string             `json:"parent"`
	UnitType analytics.UnitType `json:"unit_type,omitempty"` // townships only: township, or other (see analytics.UnitType)
	Judged   int                `json:"judged"`              // cells with a judged value
	Met      int                `json:"met"`                 // of those, cells meeting the target
	Cells    []Cell             `json:"cells"`
}

// Column describes one indicator of a scorecard.
type Column struct {
	Indicator  string               `json:"indicator"`
	Task       int                  `json:"task"`
	Name       analytics.Text       `json:"name"`
	Unit       string               `json:"unit"`
	Comparator analytics.Comparator `json:"comparator"`
}

// Scorecard is a set of regions against every indicator of the catalogue.
type Scorecard struct {
	Period   int      `json:"period"`
	Previous int      `json:"previous"` // the period changes are measured from; 0 when none
	Columns  []Column `json:"columns"`
	Rows     []Row    `json:"rows"`
	// Provisional counts the cells whose value rests on a submitted one,
	// not yet approved (see analytics.Snapshot.WithSubmitted).
	Provisional int `json:"provisional"`
}

// NewScorecard compares regions (all of one level, normally) for a period.
func NewScorecard(s *analytics.Snapshot, regions []*analytics.Region, period int) *Scorecard {
	cat := s.Catalogue
	sc := &Scorecard{Period: period, Previous: PreviousPeriod(s, period), Rows: make([]Row, len(regions))}
	level := commonLevel(regions)
	for i := range cat.Indicators {
		ind := &cat.Indicators[i]
		sc.Columns = append(sc.Columns, Column{Indicator: ind.ID, Task: ind.Task, Name: ind.Name,
			Unit: ind.UnitAt(level), Comparator: ind.Comparator(level)})
	}
	for r, reg := range regions {
		row := Row{Code: reg.Code, Name: reg.Name, Level: reg.Level, Parent: reg.Parent, UnitType: reg.UnitType(), Cells: make([]Cell, len(cat.Indicators))}
		for i := range cat.Indicators {
			row.Cells[i] = newCell(s, &cat.Indicators[i], reg, period, sc.Previous)
			if row.Cells[i].Provisional {
				sc.Provisional++
			}
			if row.Cells[i].Meets != nil {
				row.Judged++
				if *row.Cells[i].Meets {
					row.Met++
				}
			}
		}
		sc.Rows[r] = row
	}
	for i := range cat.Indicators {
		rankColumn(sc.Rows, i, cat.Indicators[i].Comparator(level))
	}
	return sc
}

func newCell(s *analytics.Snapshot, ind *analytics.Indicator, reg *analytics.Region, period, previous int) Cell {
	c := Cell{Indicator: ind.ID}
	v, ok := s.Rollup(ind, period).Get(reg.Code)
	if !ok {
		return c
	}
	c.Value = num(v.Value)
	c.Judgement = Judge(ind, reg.Level, v)
	if previous != 0 {
		if p, ok := s.Rollup(ind, previous).Get(reg.Code); ok {
			c.Previous, c.Change = num(p.Value), num(v.Value-p.Value)
		}
	}
	return c
}

// rankColumn ranks the rows on indicator column i, best first.
func rankColumn(rows []Row, i int, c analytics.Comparator) {
	rankDescending(len(rows), func(r int) (float64, bool) {
		cell := rows[r].Cells[i]
		if cell.Value == nil {
			return 0, false
		}
		switch c {
		case analytics.AtMost:
			return -*cell.Value, true
		case analytics.Between:
			if cell.Gap != nil {
				return *cell.Gap, true
			}
			if cell.Target == nil { // no target in the period: no order
				return 0, false
			}
			lo, hi := *cell.Target.Min, *cell.Target.Max
			return min(*cell.Value-lo, hi-*cell.Value), true
		}
		return *cell.Value, true
	}, func(r, rank int) { rows[r].Cells[i].Rank = ptr(rank) })
}

// ColumnOf is the index of an indicator's column, or -1.
func (sc *Scorecard) ColumnOf(indicator string) int {
	return slices.IndexFunc(sc.Columns, func(col Column) bool { return col.Indicator == indicator })
}

// taskList is the tasks of the scorecard's columns, ascending, each once.
func taskList(sc *Scorecard) []int {
	var tasks []int
	for _, col := range sc.Columns {
		tasks = append(tasks, col.Task)
	}
	slices.Sort(tasks)
	return slices.Compact(tasks)
}

// PreviousPeriod is the last period with data before period, or 0.
func PreviousPeriod(s *analytics.Snapshot, period int) int {
	prev := 0
	for _, p := range s.Periods() {
		if p < period {
			prev = p
		}
	}
	return prev
}

// commonLevel is the level of the regions (county when there are none).
func commonLevel(regions []*analytics.Region) analytics.Level {
	if len(regions) == 0 {
		return analytics.County
	}
	return regions[0].Level
}

func ptr[T any](v T) *T { return &v }

// num rounds a result to 9 decimal places, far below any meaningful
// precision, so float noise (1.2499999999999998) stays out of reports.
func numPtr(p *float64) *float64 {
	if p == nil {
		return nil
	}
	return num(*p)
}

func num(v float64) *float64 {
	r := math.Round(v*1e9) / 1e9
	return &r
}
