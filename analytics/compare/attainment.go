package compare

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
)

// Attainment is how many judged cells of a group (a task, or what a
// department answers for) are met, and where the shortfalls are. A cell is
// an indicator × region judged against its target, or a checklist item ×
// region judged as ChecklistTally says: Judged and Met count both kinds,
// Checklist the items' cells alone.
type Attainment struct {
	Key        string         `json:"key"` // task number or department id
	Name       analytics.Text `json:"name"`
	Indicators []string       `json:"indicators"`
	Items      []string       `json:"checklist_items"`
	Judged     int            `json:"judged"`
	Met        int            `json:"met"`
	Share      *float64       `json:"share"` // % of judged cells met; nil when nothing is judged
	Checklist  ChecklistCount `json:"checklist"`
	Regions    []RegionShare  `json:"regions"`
}

// ChecklistCount counts checklist item × region cells: those judged (some
// unit has reported) and those met (every unit done).
type ChecklistCount struct {
	Judged int `json:"judged"`
	Met    int `json:"met"`
}

// RegionShare is one region's attainment within a group, with the
// indicators and checklist items it falls short on.
type RegionShare struct {
	Code       string         `json:"code"`
	Name       string         `json:"name"`
	Judged     int            `json:"judged"`
	Met        int            `json:"met"`
	Share      *float64       `json:"share"`
	Unmet      []string       `json:"unmet"`
	Checklist  ChecklistCount `json:"checklist"`
	UnmetItems []string       `json:"unmet_items"`
}

// ByTask groups a scorecard's cells and a checklist card's (nil for none;
// its rows in the scorecard's order) by the notice's task, in task order.
// Tasks with checklist items only (12, 20–22) appear with those.
func ByTask(sc *Scorecard, ck *ChecklistCard) []Attainment {
	tasks := taskList(sc)
	if ck != nil {
		for _, it := range ck.Items {
			tasks = append(tasks, it.Task)
		}
		slices.Sort(tasks)
		tasks = slices.Compact(tasks)
	}
	out := make([]Attainment, len(tasks))
	for i, t := range tasks {
		key := strconv.Itoa(t)
		out[i] = Attainment{Key: key, Name: analytics.Text{ZH: "任务" + key, EN: "Task " + key}}
		fill(&out[i], sc, func(col Column) bool { return col.Task == t })
		fillChecklist(&out[i], ck, func(it *analytics.ChecklistItem) bool { return it.Task == t })
	}
	return out
}

// ByDepartment groups a scorecard's cells and a checklist card's (nil for
// none) by responsible department: every department named by an indicator
// or item shares in its cells. Departments come lagging first (lowest share
// met), then by id; those with nothing judged come last.
func ByDepartment(sc *Scorecard, cat *analytics.Catalogue, ck *ChecklistCard) []Attainment {
	depts := map[string]bool{}
	for _, col := range sc.Columns {
		ind, _ := cat.Indicator(col.Indicator)
		for _, d := range ind.Departments {
			depts[d] = true
		}
	}
	if ck != nil {
		for _, it := range ck.Items {
			for _, d := range it.Departments {
				depts[d] = true
			}
		}
	}
	out := make([]Attainment, 0, len(depts))
	for d := range depts {
		a := Attainment{Key: d, Name: cat.Departments[d]}
		fill(&a, sc, func(col Column) bool {
			ind, _ := cat.Indicator(col.Indicator)
			return slices.Contains(ind.Departments, d)
		})
		fillChecklist(&a, ck, func(it *analytics.ChecklistItem) bool { return slices.Contains(it.Departments, d) })
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
		rs := RegionShare{Code: row.Code, Name: row.Name, Unmet: []string{}, UnmetItems: []string{}}
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

// fillChecklist adds the cells of the checklist items chosen by in to a
// group fill has counted, region by region (the card's rows follow the
// scorecard's).
func fillChecklist(a *Attainment, ck *ChecklistCard, in func(*analytics.ChecklistItem) bool) {
	a.Items = []string{}
	if ck == nil {
		return
	}
	var items []int
	for i, it := range ck.Items {
		if in(it) {
			items = append(items, i)
			a.Items = append(a.Items, it.ID)
		}
	}
	for r := range a.Regions {
		rs := &a.Regions[r]
		for _, i := range items {
			t := ck.Rows[r][i]
			if t.Meets == nil {
				continue
			}
			rs.Checklist.Judged++
			if *t.Meets {
				rs.Checklist.Met++
			} else {
				rs.UnmetItems = append(rs.UnmetItems, t.Item)
			}
		}
		rs.Judged += rs.Checklist.Judged
		rs.Met += rs.Checklist.Met
		rs.Share = share(rs.Met, rs.Judged)
		a.Checklist.Judged += rs.Checklist.Judged
		a.Checklist.Met += rs.Checklist.Met
	}
	a.Judged += a.Checklist.Judged
	a.Met += a.Checklist.Met
	a.Share = share(a.Met, a.Judged)
}
