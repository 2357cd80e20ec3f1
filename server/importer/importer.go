// Package importer reads boundary, observation, facility and grid files, and
// OpenStreetMap extracts (road networks), into store changesets, validating everything before anything is written: a file
// with any problem yields every problem found (file, row or feature, field,
// why) and no changeset.
//
// Formats: GeoJSON FeatureCollections for geometries (boundaries, grids) and
// CSV for observations and facilities, in UTF-8 (with or without BOM) or GBK,
// the encoding Excel uses for Chinese text on Windows.
package importer

import (
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/paulmach/orb"
)

// Kinds of import, as used in the CLI and the API path.
const (
	Boundaries   = "boundaries"
	Observations = "observations"
	Facilities   = "facilities"
	Grids        = "grids"
)

// Kinds lists the import kinds.
var Kinds = []string{Boundaries, Observations, Facilities, Grids, OSM, Targets}

// Extensions are the file endings of each kind's data, for picking the data
// file out of a zipped upload.
var Extensions = map[string][]string{
	Boundaries:   {".geojson", ".json"},
	Grids:        {".geojson", ".json"},
	Observations: {".csv"},
	Facilities:   {".csv"},
	OSM:          osmSuffixes,
	Targets:      {".csv"},
}

// Index is what an import is checked against: the regions already known
// (a snapshot satisfies it).
type Index interface {
	Region(code string) (*analytics.Region, bool)
	Locate(level analytics.Level, p orb.Point) (*analytics.Region, bool)
	// Bound is the envelope of the known regions (empty when none are).
	Bound() orb.Bound
}

// maxProblems caps the problems reported for one file.
const maxProblems = 200

// Problem is one thing wrong with an input file.
type Problem struct {
	Sheet   string `json:"sheet,omitempty"`   // a workbook's sheet
	Row     int    `json:"row,omitempty"`     // a table's row (a CSV file's line; the header is line 1)
	Feature int    `json:"feature,omitempty"` // GeoJSON feature number, from 1
	Code    string `json:"code,omitempty"`    // the record's code or id, where known
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string { return p.In(msg.EN) }

// In says where the problem is in l (sheet, row, feature, code, field);
// the message is the importer's own, in English.
func (p Problem) In(l msg.Lang) string {
	var where []string
	if p.Sheet != "" {
		where = append(where, msg.New("sheet %s", p.Sheet).In(l))
	}
	if p.Row > 0 {
		where = append(where, msg.New("row %d", p.Row).In(l))
	}
	if p.Feature > 0 {
		where = append(where, msg.New("feature %d", p.Feature).In(l))
	}
	if p.Code != "" {
		where = append(where, p.Code)
	}
	if p.Field != "" {
		where = append(where, msg.New("field %s", p.Field).In(l))
	}
	if len(where) == 0 {
		return p.Message
	}
	return strings.Join(where, l.Comma()) + l.Colon() + p.Message
}

// Error lists the problems of one file. Nothing of the file was written.
type Error struct {
	File      string
	Problems  []Problem
	Truncated bool // more problems were found than reported
}

func (e *Error) Error() string { return e.In(msg.EN) }

// In says the error in l: the frame and the places in l, the first five
// problems' messages as the importer gave them.
func (e *Error) In(l msg.Lang) string {
	var b strings.Builder
	b.WriteString(msg.New("import %s: %d problem(s), nothing written", e.File, len(e.Problems)).In(l))
	for i, p := range e.Problems {
		b.WriteString(l.ListSep())
		if i == 5 {
			b.WriteString("…")
			break
		}
		b.WriteString(p.In(l))
	}
	return b.String()
}

// collector gathers problems up to maxProblems.
type collector struct {
	err Error
}

func (c *collector) add(p Problem) {
	if len(c.err.Problems) >= maxProblems {
		c.err.Truncated = true
		return
	}
	c.err.Problems = append(c.err.Problems, p)
}

func (c *collector) full() bool { return c.err.Truncated }

// result returns the collected problems as an error, or nil.
func (c *collector) result(file string) error {
	if len(c.err.Problems) == 0 {
		return nil
	}
	c.err.File = file
	return &c.err
}
