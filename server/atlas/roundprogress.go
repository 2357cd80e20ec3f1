package atlas

import (
	"slices"

	"github.com/community-atlas/atlas/server/store"
)

// Progress is how far a county or township is in a round: values filled
// of those expected, how many of its reporting regions stand at each
// status, the least advanced status among them, and whether it is overdue
// (the deadline has passed and not every region has submitted).
type Progress struct {
	Code      string         `json:"code"`
	Name      string         `json:"name"`
	Filled    int            `json:"filled"`
	Expected  int            `json:"expected"`
	Status    string         `json:"status"`
	Counts    map[string]int `json:"counts"`
	Overdue   bool           `json:"overdue"`
	Townships []Progress     `json:"townships,omitempty"`
}

// stages orders the statuses from the least advanced.
var stages = []string{store.NotStarted, store.Returned, store.Draft, store.Submitted, store.Approved}

// RoundProgress is the progress board of a sheet: its counties, each with
// its townships, the overdue ones first (after today, a YYYY-MM-DD date,
// passes the deadline), then by code.
func RoundProgress(sh *Sheet, names func(code string) string, today string) []Progress {
	late := today > sh.Round.Deadline
	counties := map[string]*Progress{}
	towns := map[string]*Progress{}
	for _, row := range sh.Rows {
		filled := 0
		for _, c := range row.Cells {
			if c.Value != nil {
				filled++
			}
		}
		for _, p := range []*Progress{unit(counties, row.County, names), unit(towns, row.Township, names)} {
			p.Filled += filled
			p.Expected += len(sh.Round.Indicators)
			p.Counts[row.Status]++
		}
		if t := towns[row.Township]; !slices.ContainsFunc(counties[row.County].Townships, func(p Progress) bool { return p.Code == t.Code }) {
			counties[row.County].Townships = append(counties[row.County].Townships, Progress{Code: t.Code})
		}
	}
	var out []Progress
	for _, c := range counties {
		finish(c, late)
		for i, t := range c.Townships {
			full := towns[t.Code]
			finish(full, late)
			c.Townships[i] = *full
		}
		order(c.Townships)
		out = append(out, *c)
	}
	order(out)
	return out
}

func unit(m map[string]*Progress, code string, names func(string) string) *Progress {
	p, ok := m[code]
	if !ok {
		p = &Progress{Code: code, Name: names(code), Counts: map[string]int{}}
		m[code] = p
	}
	return p
}

func finish(p *Progress, late bool) {
	for _, st := range stages {
		if p.Counts[st] > 0 {
			p.Status = st
			break
		}
	}
	p.Overdue = late && p.Counts[store.NotStarted]+p.Counts[store.Draft]+p.Counts[store.Returned] > 0
}

func order(ps []Progress) {
	slices.SortFunc(ps, func(a, b Progress) int {
		if a.Overdue != b.Overdue {
			if a.Overdue {
				return -1
			}
			return 1
		}
		if a.Code < b.Code {
			return -1
		}
		if a.Code > b.Code {
			return 1
		}
		return 0
	})
}
