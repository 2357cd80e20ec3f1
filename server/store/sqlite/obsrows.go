package sqlite

import (
	"cmp"
	"slices"

	"github.com/community-atlas/atlas/analytics"
)

// obsRows holds a streamed batch compactly, to be written in key order:
// 24 bytes a row, its indicator and region numbered (each distinct string
// is kept once), its place in the stream kept so that the last of a
// repeated key wins.
type obsRows struct {
	indicators, regions []string
	indicatorNo         map[string]uint32
	regionNo            map[string]uint32
	rows                []obsRow
}

type obsRow struct {
	region    uint32
	indicator uint16
	period    int16 // years fit; a period outside int16 is kept apart
	seq       uint32
	value     float64
}

func newObsRows() *obsRows {
	return &obsRows{indicatorNo: map[string]uint32{}, regionNo: map[string]uint32{}}
}

// add keeps o; ok is false when o does not fit a compact row (more than
// 65,536 indicators, a period beyond int16, or over 4 billion rows).
func (r *obsRows) add(o analytics.Observation) bool {
	if o.Period != int(int16(o.Period)) || len(r.rows) == 1<<32-1 {
		return false
	}
	ind := numberOf(r.indicatorNo, &r.indicators, o.Indicator)
	if ind > 0xffff {
		return false
	}
	r.rows = append(r.rows, obsRow{region: numberOf(r.regionNo, &r.regions, o.Region),
		indicator: uint16(ind), period: int16(o.Period), seq: uint32(len(r.rows)), value: o.Value})
	return true
}

func numberOf(m map[string]uint32, names *[]string, s string) uint32 {
	n, ok := m[s]
	if !ok {
		n = uint32(len(*names))
		m[s] = n
		*names = append(*names, s)
	}
	return n
}

// sort puts the rows in the order they are written: by region, indicator,
// period, and for a repeated key only the last row put is kept. Region
// first makes the inserts into the region index sequential and those into
// the table one sequential run per indicator, so that SQLite's small page
// cache holds the pages they touch.
func (r *obsRows) sort() {
	regionRank, indicatorRank := ranks(r.regions), ranks(r.indicators)
	slices.SortFunc(r.rows, func(a, b obsRow) int {
		return cmp.Or(cmp.Compare(regionRank[a.region], regionRank[b.region]),
			cmp.Compare(indicatorRank[a.indicator], indicatorRank[b.indicator]),
			cmp.Compare(a.period, b.period), cmp.Compare(a.seq, b.seq))
	})
	kept := r.rows[:0]
	for i, row := range r.rows {
		if i+1 < len(r.rows) && sameKey(row, r.rows[i+1]) {
			continue // a later row of the key follows
		}
		kept = append(kept, row)
	}
	r.rows = kept
}

func sameKey(a, b obsRow) bool {
	return a.region == b.region && a.indicator == b.indicator && a.period == b.period
}

// ranks gives each name's place in the sorted names.
func ranks(names []string) []uint32 {
	order := make([]uint32, len(names))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return cmp.Compare(names[a], names[b]) })
	rank := make([]uint32, len(names))
	for place, n := range order {
		rank[n] = uint32(place)
	}
	return rank
}
