package importer

import (
	"errors"
	"fmt"
	"io"

	"github.com/community-atlas/atlas/analytics"
)

// StreamObservations reads the CSV that ReadObservations reads, checking
// each row as it comes and handing each valid observation to put, so that
// a store can write a file of millions of rows without it ever being held
// as records. Of each row it keeps only a compact key, to find duplicates.
//
// The file is read twice when it is UTF-8 (see textReader), never whole.
// Every problem is still collected (up to the cap) and returned as an
// *Error; once one is found no further row is put, since the caller must
// discard what was put (the store rolls its transaction back). An error
// from put stops the reading and is returned as is. The Indicator and Region
// of an observation put are the catalogue's and the index's own strings,
// so holding them keeps no row of the file alive.
func StreamObservations(file string, rs io.ReadSeeker, cat *analytics.Catalogue, idx Index, put func(analytics.Observation) error) error {
	text, err := textReader(rs)
	if err != nil {
		return &Error{File: file, Problems: []Problem{{Message: err.Error()}}}
	}
	r, t, err := openText(text, "indicator", "region", "period", "value")
	if err != nil {
		return &Error{File: file, Problems: []Problem{{Message: err.Error()}}}
	}
	r.ReuseRecord = true
	var c collector
	keys := newObsKeys()
	rows := 0
	for !c.full() {
		row, line, err := nextRow(r)
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return &Error{File: file, Problems: append(c.err.Problems, Problem{Row: line, Message: err.Error()})}
		}
		rows++
		o, p, ok := parseObservation(t, row, cat, idx)
		if !ok {
			p.Row = line
			c.add(p)
			continue
		}
		if first, dup := keys.add(o, line); dup {
			c.add(Problem{Row: line, Code: o.Region, Message: fmt.Sprintf(
				"duplicate of row %d: %s for %s in %d appears twice", first, o.Indicator, o.Region, o.Period)})
			continue
		}
		if len(c.err.Problems) == 0 {
			if err := put(o); err != nil {
				return err
			}
		}
	}
	if rows == 0 {
		return &Error{File: file, Problems: []Problem{{Message: errNoRows.Error()}}}
	}
	return c.result(file)
}

// obsKeys remembers the (indicator, region, period) of each row read, and
// its line, in 12 bytes of map entry rather than the row's three strings:
// indicators and regions are numbered as they first appear (16 and 32 bits,
// more than any catalogue or atlas holds) and the period is a year.
type obsKeys struct {
	indicators map[string]uint64
	regions    map[string]uint64
	seen       map[uint64]int32
}

func newObsKeys() *obsKeys {
	return &obsKeys{indicators: map[string]uint64{}, regions: map[string]uint64{}, seen: map[uint64]int32{}}
}

// add records o read at line; if its key was seen, it returns the first
// line and true.
func (k *obsKeys) add(o analytics.Observation, line int) (int, bool) {
	key := number(k.indicators, o.Indicator)<<48 | number(k.regions, o.Region)<<16 | uint64(uint16(o.Period))
	if first, dup := k.seen[key]; dup {
		return int(first), true
	}
	k.seen[key] = int32(line)
	return 0, false
}

// number returns the number of s in m, giving it the next one when new.
func number(m map[string]uint64, s string) uint64 {
	n, ok := m[s]
	if !ok {
		n = uint64(len(m))
		m[s] = n
	}
	return n
}
