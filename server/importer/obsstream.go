package importer

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"

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
// discard what was put (the store rolls its transaction back). Repeated
// keys are found after the last row, so both rows of one are put. An error
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
		keys.add(o, lineKey{line: int32(line)})
		if len(c.err.Problems) == 0 {
			if err := put(o); err != nil {
				return err
			}
		}
	}
	if rows == 0 {
		return &Error{File: file, Problems: []Problem{{Message: errNoRows.Error()}}}
	}
	for _, d := range keys.duplicates() {
		c.add(keys.problem(d, func(at lineKey) string { return fmt.Sprintf("row %d", at.line) }))
	}
	return c.result(file)
}

// obsKeys remembers the (indicator, region, period) of each row read, and
// its line, in 16 bytes rather than the row's three strings: indicators
// and regions are numbered as they first appear (16 and 32 bits, more than
// any catalogue or atlas holds) and the period is a year. Duplicates are
// found once the file is read, by sorting: a slice holds a key in a third
// of the memory a map does.
type obsKeys struct {
	indicators map[string]uint64
	regions    map[string]uint64
	seen       []lineKey
}

// lineKey is a key and where it was read: the line of a CSV file, or
// the sheet (its place in the book) and row of a table.
type lineKey struct {
	key   uint64
	line  int32
	sheet uint16
}

func newObsKeys() *obsKeys {
	return &obsKeys{indicators: map[string]uint64{}, regions: map[string]uint64{}}
}

// add records o read at at (whose key is filled in).
func (k *obsKeys) add(o analytics.Observation, at lineKey) {
	at.key = number(k.indicators, o.Indicator)<<48 | number(k.regions, o.Region)<<16 | uint64(uint16(o.Period))
	k.seen = append(k.seen, at)
}

// duplicate is a row whose key an earlier row had, and that first row.
type duplicate struct{ row, first lineKey }

// duplicates are the rows whose key an earlier row had, in file order, up
// to one more than the cap on problems (so that the cap shows).
func (k *obsKeys) duplicates() []duplicate {
	slices.SortFunc(k.seen, func(a, b lineKey) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.sheet, b.sheet), cmp.Compare(a.line, b.line))
	})
	var out []duplicate
	first := 0
	for i := 1; i < len(k.seen); i++ {
		if k.seen[i].key != k.seen[first].key {
			first = i
			continue
		}
		out = append(out, duplicate{k.seen[i], k.seen[first]})
	}
	slices.SortFunc(out, func(a, b duplicate) int {
		return cmp.Or(cmp.Compare(a.row.sheet, b.row.sheet), cmp.Compare(a.row.line, b.row.line))
	})
	return out[:min(len(out), maxProblems+1)]
}

// problem says what d is; where names a row.
func (k *obsKeys) problem(d duplicate, where func(lineKey) string) Problem {
	ind, reg, period := k.name(d.row.key)
	return Problem{Row: int(d.row.line), Code: reg, Message: fmt.Sprintf(
		"duplicate of %s: %s for %s in %d appears twice", where(d.first), ind, reg, period)}
}

// name returns the strings a key was made of.
func (k *obsKeys) name(key uint64) (indicator, region string, period int) {
	indicator, region = nameOf(k.indicators, key>>48), nameOf(k.regions, key>>16&0xffffffff)
	return indicator, region, int(int16(uint16(key)))
}

func nameOf(m map[string]uint64, n uint64) string {
	for s, v := range m {
		if v == n {
			return s
		}
	}
	return ""
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
