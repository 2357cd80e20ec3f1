package compare

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
)

// Attainment is how many judged indicator × region cells of a group of
// indicators (a task, or the indicators a department answers for) meet their
// targets, and where the shortfalls are.
type Attainment struct {
	Key        string         `json:"key"` // task number or department id
	Name       analytics.Text `json:"name"`
	Indicators []string       `json:"indicators"`
	Judged     int            `json:"judged"`
	Met        int            `json:"met"`
	Share      *float64       `json:"share"` // % of judged cells met; nil when nothing is judged
	Regions    []RegionShare  `json:"regions"`
}

// RegionShare is one region's attainment within a group, with the
// indicators it falls short on.
type RegionShare struct {
	Code   string   `json:"code"`
	Name   string   `json:"name"`
	Judged int      `json:"judged"`
	Met    int      `json:"met"`
	Share  *float64 `json:"share"`
	Unmet  []string `json:"unmet"`
}

// ByTask groups a scorecard's cells by the notice's task, in task order.
func ByTask(sc *Scorecard) []Attainment {
	tasks := taskList(sc)
	out := make([]Attainment, len(tasks))
	for i, t := range tasks {
		key := strconv.Itoa(t)
		out[i] = Attainment{Key: key, Name: analytics.Text{ZH: "任务" + key, EN: "Task " + key}}
		fill(&out[i], sc, func(col Column) bool { return col.Task == t })
	}
	return out
}

// ByDepartment groups a scorecard's cells by responsible department: every
// department named by an indicator shares in its cells. Departments come
// lagging first (lowest share met), then by id; those with nothing judged
// come last.
func ByDepartment(sc *Scorecard, cat *analytics.Catalogue) []Attainment {
	depts := map[string]bool{}
	for _, col := range sc.Columns {
		ind, _ := cat.Indicator(col.Indicator)
		for _, d := range ind.Departments {
			depts[d] = true
		}
	}
	out := make([]Attainment, 0, len(depts))
	for d := range depts {
		a := Attainment{Key: d, Name: cat.Departments[d]}
		fill(&a, sc, func(col Column) bool {
			ind, _ := cat.Indicator(col.Indicator)
			return slices.Contains(ind.Departments, d)
		})
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Attainment) int {
		if c := cmp.Compare(shareKey(a.Share), shareKey(b.Share)); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// shareKey sorts nil shares after every real one.
func shareKey(p *float64) float64 {
	if p == nil {
		return 1e300
	}
	return *p
}

// fill counts the cells of the columns chosen by in, overall and per region.
func fill(a *Attainment, sc *Scorecard, in func(Column) bool) {
	var cols []int
	for i, col := range sc.Columns {
		if in(col) {
			cols = append(cols, i)
			a.Indicators = append(a.Indicators, col.Indicator)
		}
	}
	for _, row := range sc.Rows {
		rs := RegionShare{Code: row.Code, Name: row.Name, Unmet: []string{}}
		for _, i := range cols {
			cell := row.Cells[i]
			if cell.Meets == nil {
				continue
			}
			rs.Judged++
			if *cell.Meets {
				rs.Met++
			} else {
				rs.Unmet = append(rs.Unmet, cell.Indicator)
			}
		}
		rs.Share = share(rs.Met, rs.Judged)
		a.Judged += rs.Judged
		a.Met += rs.Met
		a.Regions = append(a.Regions, rs)
	}
	a.Share = share(a.Met, a.Judged)
}

func share(met, judged int) *float64 {
	if judged == 0 {
		return nil
	}
	return num(100 * float64(met) / float64(judged))
}
