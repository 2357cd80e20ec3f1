package compare

import "github.com/community-atlas/atlas/analytics"

// ChecklistTally is a region's standing on one checklist item: how many of
// the units that report it (the region itself at the item's level, else
// its descendants at that level) have entered anything, and how many are
// done. The region meets the item when every unit is done — the notice's
// "every community …", as share_meeting indicators with a 100% bar judge
// it — and is judged on it once any unit has entered something: an item
// nobody has reported on is no data, not a failure, as an indicator
// without observations is.
type ChecklistTally struct {
	Item       string `json:"item"`
	Units      int    `json:"units"`
	Entered    int    `json:"entered"`
	InProgress int    `json:"in_progress"`
	Done       int    `json:"done"`
	Approved   int    `json:"approved"` // done and approved by a reviewer
	Meets      *bool  `json:"meets"`    // nil while not judged
}

// ChecklistCard is a set of regions against every checklist item that
// applies at their level (items at that level or below it), for a period.
type ChecklistCard struct {
	Items []*analytics.ChecklistItem
	Rows  [][]ChecklistTally // per region, per item
}

// NewChecklistCard tallies the regions' checklist entries for a period.
// It is empty when the catalogue has no checklist.
func NewChecklistCard(s *analytics.Snapshot, regions []*analytics.Region, period int) *ChecklistCard {
	ck := &ChecklistCard{Rows: make([][]ChecklistTally, len(regions))}
	if s.Catalogue.Checklist == nil {
		return ck
	}
	level := commonLevel(regions)
	for i := range s.Catalogue.Checklist.Items {
		if it := &s.Catalogue.Checklist.Items[i]; it.Level.Depth() >= level.Depth() {
			ck.Items = append(ck.Items, it)
		}
	}
	for r, reg := range regions {
		units := map[analytics.Level][]*analytics.Region{}
		ck.Rows[r] = make([]ChecklistTally, len(ck.Items))
		for i, it := range ck.Items {
			us, ok := units[it.Level]
			if !ok {
				us = UnitsAt(s, reg, it.Level)
				units[it.Level] = us
			}
			ck.Rows[r][i] = Tally(s, it.ID, us, period)
		}
	}
	return ck
}

// UnitsAt returns the regions at level that report for reg: reg itself at
// its own level, else its descendants at that level.
func UnitsAt(s *analytics.Snapshot, reg *analytics.Region, level analytics.Level) []*analytics.Region {
	if reg.Level == level {
		return []*analytics.Region{reg}
	}
	var out []*analytics.Region
	for _, c := range s.Children(reg.Code) {
		if c.Level.Depth() <= level.Depth() {
			out = append(out, UnitsAt(s, c, level)...)
		}
	}
	return out
}

// Tally counts the entries of an item among units for a period.
func Tally(s *analytics.Snapshot, item string, units []*analytics.Region, period int) ChecklistTally {
	t := ChecklistTally{Item: item, Units: len(units)}
	for _, u := range units {
		e, ok := s.ChecklistEntry(analytics.ChecklistKey{Item: item, Region: u.Code, Period: period})
		if !ok {
			continue
		}
		t.Entered++
		switch e.Status {
		case analytics.InProgress:
			t.InProgress++
		case analytics.Done:
			t.Done++
			if e.Review == analytics.ReviewApproved {
				t.Approved++
			}
		}
	}
	if t.Entered > 0 {
		t.Meets = ptr(t.Done == t.Units)
	}
	return t
}
