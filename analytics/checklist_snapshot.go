package analytics

import (
	"cmp"
	"slices"
)

// checklistIndex holds a snapshot's checklist entries, by key and by region.
type checklistIndex struct {
	entries  []ChecklistEntry // by region, period, item
	byKey    map[ChecklistKey]int
	byRegion map[string][]int
}

func newChecklistIndex(entries []ChecklistEntry) checklistIndex {
	slices.SortFunc(entries, func(a, b ChecklistEntry) int {
		return cmp.Or(cmp.Compare(a.Region, b.Region), cmp.Compare(a.Period, b.Period), cmp.Compare(a.Item, b.Item))
	})
	x := checklistIndex{entries: entries, byKey: make(map[ChecklistKey]int, len(entries)), byRegion: map[string][]int{}}
	for i := range entries {
		x.byKey[entries[i].Key()] = i
		x.byRegion[entries[i].Region] = append(x.byRegion[entries[i].Region], i)
	}
	return x
}

// ChecklistEntry returns the entry with key k, if a region has reported it.
func (s *Snapshot) ChecklistEntry(k ChecklistKey) (*ChecklistEntry, bool) {
	i, ok := s.checklist.byKey[k]
	if !ok {
		return nil, false
	}
	return &s.checklist.entries[i], true
}

// ChecklistEntries returns a region's entries for a period, by item. The
// entries are shared: do not modify them.
func (s *Snapshot) ChecklistEntries(region string, period int) []*ChecklistEntry {
	var out []*ChecklistEntry
	for _, i := range s.checklist.byRegion[region] {
		if e := &s.checklist.entries[i]; e.Period == period {
			out = append(out, e)
		}
	}
	return out
}
