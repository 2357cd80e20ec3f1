// Package roundbook writes a round's template workbook and reads it back.
//
// The workbook has one data sheet and a notes sheet (填表说明). The data
// sheet holds one row per reporting region: its code, name, township and
// status, locked, then per indicator three columns — the value (unlocked,
// with Excel data validation from the indicator's valid range, whole
// numbers for counts), last year's published value (locked, grey) and the
// reason for a change (unlocked, one line). A reason column per indicator,
// not one per row, because the round keeps one reason per value, and a
// row may need reasons for two indicators. The sheet is protected without
// a password: it guards against slips, not against the user.
//
// Read takes the workbook back as it was downloaded: the same columns in
// the same places, the rows in any order, any of them left out. It answers
// the rows whose values or reasons differ from the Book's (the ones to
// save as drafts) and every cell it cannot use, by sheet, row and column.
package roundbook

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
)

// Book is what a template shows: the round, its indicators and the rows
// of the reporting regions inside the user's region as they stand.
type Book struct {
	Round    int64
	Period   int
	Level    analytics.Level
	Deadline string
	// Factor and Medians state the change rule: a change from last year
	// of more than Factor × the indicator's median absolute change needs
	// a reason.
	Factor     float64
	Medians    map[string]float64
	Indicators []*analytics.Indicator
	Rows       []Row
}

// Row is one reporting region.
type Row struct {
	Region, Name, Township string
	Status                 string
	// Locked: the region is submitted or approved; its cells cannot change.
	Locked  bool
	Values  map[string]float64 // entered so far
	Reasons map[string]string
	Last    map[string]float64 // last year's published values
}

// Filled is a row of an uploaded template: its values and their reasons.
type Filled struct {
	Region  string
	Values  map[string]float64
	Reasons map[string]string
}

// Problem is one cell of an upload that cannot be used, or one that keeps
// a draft from being submitted: where it is and why.
type Problem struct {
	Sheet     string
	Row       int
	Column    string // A1 letters
	Region    string
	Indicator string
	Why       msg.Message
}

// Error is an upload with cells that cannot be used; nothing was saved.
type Error struct{ Problems []Problem }

func (e *Error) Error() string { return e.In(msg.EN) }

// In says the error in l.
func (e *Error) In(l msg.Lang) string {
	return msg.New("%d cells of the template cannot be used; nothing was saved", len(e.Problems)).In(l)
}

// columns per indicator: value, last year, reason.
const perIndicator = 3

// fixed are the columns before the indicators: code, name, township,
// status.
const fixed = 4

// headerRow is the row of the titles; the regions start below it.
const headerRow = 1

// valueColumn is the 1-based column of indicator i's value; last year's
// and the reason follow.
func valueColumn(i int) int { return fixed + 1 + perIndicator*i }

// maxReasonRunes: a reason is one line, as the JSON draft takes it.
const maxReasonRunes = 200
