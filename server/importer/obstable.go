package importer

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/community-atlas/atlas/server/store"
)

// Observation tables as offices keep them: a workbook (or CSV) with a sheet
// per year or a period column, a title above the header, and either one row
// per value (long: indicator, region, period, value) or one column per
// indicator (wide), headed by the indicator's id, Chinese or English name,
// with or without its unit.

// obsHeaders are the headers of a long table's columns, normalised.
var obsHeaders = map[string][]string{
	"region":    {"region", "code", "行政代码", "区划代码", "行政区划代码", "社区代码", "代码", "编码"},
	"name":      {"name", "名称", "社区名称", "社区", "村名", "单位"},
	"indicator": {"indicator", "指标", "指标名称", "指标代码"},
	"period":    {"period", "year", "年份", "年度", "年"},
	"value":     {"value", "数值", "值", "指标值"},
}

// StreamObservationTable reads observations from a workbook or a CSV
// table, long or wide (see above), handing each valid value to put as
// StreamObservations does. Each value is checked as ReadObservations checks
// it; the report names the sheets read and skipped and the column of each
// indicator. Rows are read one at a time (see table.Sheet.Each) and only a
// compact key of each value is kept, so a workbook of a million values is
// never held as records.
// Once a problem is found no further value is put; an error from put stops
// the reading and is returned as is.
func StreamObservationTable(file string, data []byte, cat *analytics.Catalogue, idx Index, opts Options, put func(analytics.Observation) error) (*Report, error) {
	rep := &Report{File: file}
	if IsZip(data) {
		if err := CheckZip(file, data, opts.maxBytes()); err != nil {
			return rep, err
		}
	}
	book, err := table.Open(file, data)
	if err != nil {
		return rep, fileError(file, err)
	}
	defer book.Close()
	rep.Format = book.Format
	for _, s := range book.Skipped {
		rep.Notes = append(rep.Notes, fmt.Sprintf("sheet %s skipped: %s", s.Sheet, s.Reason))
	}
	r := obsReader{file: file, cat: cat, idx: idx, opts: opts, keys: newObsKeys(), names: indicatorNames(cat),
		put: put, columns: map[string]string{}}
	for i, sh := range book.Sheets {
		r.sheetNo = i
		if err := r.sheet(sh); err != nil {
			if r.putErr != nil {
				return rep, r.putErr
			}
			return rep, fileError(file, err)
		}
		if r.c.full() {
			break
		}
	}
	rep.Columns, rep.Rows = r.columns, r.rows
	for _, d := range r.keys.duplicates() {
		p := r.keys.problem(d, func(at lineKey) string { return fmt.Sprintf("sheet %s row %d", book.Sheets[at.sheet].Name, at.line) })
		p.Message = fmt.Sprintf("sheet %s: %s", book.Sheets[d.row.sheet].Name, p.Message)
		r.c.add(p)
	}
	if err := r.c.result(file); err != nil {
		return rep, err
	}
	if r.values == 0 {
		return rep, fileError(file, fmt.Errorf("no values: the tables hold no indicator column or value"))
	}
	return rep, nil
}

// obsReader carries what the sheets of one file share.
type obsReader struct {
	file    string
	cat     *analytics.Catalogue
	idx     Index
	opts    Options
	c       collector
	keys    *obsKeys // of every value read, to find duplicates
	put     func(analytics.Observation) error
	putErr  error // what put returned, which ends the reading
	values  int   // valid values read
	sheetNo int   // of the sheet being read, in the book
	names   map[string]*analytics.Indicator
	columns map[string]string
	rows    int
}

// sheetLayout is where one sheet keeps what.
type sheetLayout struct {
	region, indicator, period, value int
	wide                             []wideColumn
}

// wideColumn is a column of a wide table and the indicator id it holds
// (an alias stays itself, so its values are converted).
type wideColumn struct {
	col int
	id  string
}

// columnID is the indicator id a wide table's header names: an id, a
// former id, or an indicator's Chinese or English name.
// A bilingual header ("一站式服务率 one_stop_rate") names it by either part.
func (r *obsReader) columnID(header string) (string, bool) {
	for _, n := range append([]string{normHeader(header)}, table.HeaderParts(header)...) {
		if ind, ok := r.names[n]; ok {
			return ind.ID, true
		}
		if _, _, ok := r.cat.Alias(n); ok {
			return n, true
		}
	}
	return "", false
}

func (r *obsReader) sheet(sh *table.Sheet) error {
	lay, err := r.layout(sh)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sh.Name, err)
	}
	err = sh.Each(func(row int, cells []string) error {
		r.rows++
		r.row(sh, lay, row, cells)
		if r.putErr != nil {
			return r.putErr
		}
		if r.c.full() {
			return errStop
		}
		return nil
	})
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

// errStop ends a sheet early once the problems are too many to list.
var errStop = errors.New("too many problems")

// layout finds a sheet's columns: the region code, and either the long
// table's indicator and value columns or one column per indicator.
func (r *obsReader) layout(sh *table.Sheet) (sheetLayout, error) {
	find := func(role string) int { return table.MatchHeader(sh.Header, obsHeaders[role], nil) }
	lay := sheetLayout{region: find("region"), indicator: find("indicator"), period: find("period"), value: find("value")}
	if over, ok := r.opts.Map["code"]; ok {
		lay.region = indexOf(sh.Header, over)
	}
	if lay.region < 0 {
		return lay, fmt.Errorf("no region code column (行政代码, 区划代码, region, …; columns: %s); name it with --map code=…", strings.Join(sh.Header, ", "))
	}
	r.columns[sh.Name+": region"] = sh.Header[lay.region]
	if lay.indicator >= 0 && lay.value >= 0 {
		return lay, nil
	}
	for i, h := range sh.Header {
		if i == lay.region || i == lay.period {
			continue
		}
		if id, ok := r.columnID(h); ok {
			lay.wide = append(lay.wide, wideColumn{i, id})
			r.columns[sh.Name+": "+id] = h
		}
	}
	if len(lay.wide) == 0 {
		return lay, fmt.Errorf("neither indicator and value columns nor columns named for indicators (by id, Chinese or English name): %s", strings.Join(sh.Header, ", "))
	}
	if lay.period < 0 && sh.Period == 0 && r.opts.Period == 0 {
		return lay, fmt.Errorf("no year: name the sheet for it (2025, 2025年), add a period column, or give --period")
	}
	return lay, nil
}

// indicatorNames keys the catalogue by each indicator's id, Chinese and
// English name, normalised as headers are.
func indicatorNames(cat *analytics.Catalogue) map[string]*analytics.Indicator {
	out := map[string]*analytics.Indicator{}
	for i := range cat.Indicators {
		ind := &cat.Indicators[i]
		for _, n := range []string{ind.ID, ind.Name.ZH, ind.Name.EN} {
			out[normHeader(n)] = ind
		}
	}
	return out
}

func indexOf(header []string, name string) int {
	for i, h := range header {
		if h == name || normHeader(h) == normHeader(name) {
			return i
		}
	}
	return -1
}

// row reads one row's values: one for a long table, one per indicator
// column for a wide one. An empty value cell is no value, in either.
func (r *obsReader) row(sh *table.Sheet, lay sheetLayout, row int, cells []string) {
	at := func(i int) string {
		if i < 0 || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	period, perr := r.period(sh, lay, at(lay.period))
	region := at(lay.region)
	if len(lay.wide) == 0 { // long: layout found both indicator and value columns
		if at(lay.value) == "" {
			return // no value, as an export writes a region without one
		}
		r.value(sh, row, region, at(lay.indicator), sh.Header[lay.value], at(lay.value), period, perr)
		return
	}
	for _, w := range lay.wide {
		if v := at(w.col); v != "" {
			r.value(sh, row, region, w.id, sh.Header[w.col], v, period, perr)
		}
	}
}

func (r *obsReader) period(sh *table.Sheet, lay sheetLayout, cell string) (int, error) {
	var p int
	var from string
	switch {
	case cell != "":
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(cell, "年度"), "年"))
		if err != nil {
			return 0, fmt.Errorf("period %q is not a year", cell)
		}
		p, from = n, "period "+strconv.Quote(cell)
	case r.opts.Period != 0:
		p, from = r.opts.Period, fmt.Sprintf("--period %d", r.opts.Period)
	case sh.Period != 0:
		p, from = sh.Period, "the sheet's year "+sh.Name
	default:
		return 0, fmt.Errorf("the row has no year")
	}
	if p < minPeriod || p > maxPeriod {
		return 0, fmt.Errorf("%s is not a year from %d to %d", from, minPeriod, maxPeriod)
	}
	return p, nil
}

// value checks one value and adds it, or adds the problem with it.
func (r *obsReader) value(sh *table.Sheet, row int, region, indicator, field, cell string, period int, perr error) {
	where := fmt.Sprintf("sheet %s", sh.Name)
	fail := func(field, format string, args ...any) {
		r.c.add(Problem{Row: row, Code: region, Field: field, Message: where + ": " + fmt.Sprintf(format, args...)})
	}
	ind, read, ok := lookupIndicator(r.cat, indicator)
	if !ok {
		if byName, found := r.names[normHeader(indicator)]; found {
			ind, read, ok = lookupIndicator(r.cat, byName.ID)
		}
	}
	switch {
	case !ok:
		fail("indicator", "unknown indicator %q (GET /api/v1/indicators lists them)", indicator)
		return
	case perr != nil:
		fail("period", "%v", perr)
		return
	}
	reg, known := r.idx.Region(region)
	switch {
	case !known:
		fail("region", "unknown region code %q", region)
		return
	case reg.Level != ind.DataLevel:
		fail("region", "region %s is a %s, but %s is observed per %s", region, reg.Level, ind.ID, ind.DataLevel)
		return
	}
	if placeholder(cell) {
		fail(field, "%q stands for no value, not a number: leave the cell empty where there is none", cell)
		return
	}
	v, err := read(strings.ReplaceAll(cell, ",", ""), reg)
	if err != nil {
		fail(field, "%v", err)
		return
	}
	// The catalogue's and the index's strings: a cell's may be kept.
	o := analytics.Observation{Indicator: ind.ID, Region: reg.Code, Period: period, Value: v}
	r.keys.add(o, lineKey{line: int32(row), sheet: uint16(r.sheetNo)})
	r.values++
	if len(r.c.err.Problems) == 0 && r.putErr == nil {
		r.putErr = r.put(o)
	}
}

// placeholder reports the marks offices put in a cell for "no figure".
func placeholder(s string) bool {
	switch s {
	case "—", "——", "-", "--", "/", "／", "无", "暂无", "N/A", "n/a", "NA", "#N/A":
		return true
	}
	return false
}

// ReadObservationsWith reads observations from a long CSV with the
// canonical header (indicator, region, period, value) as ReadObservations
// does, and any other table or workbook through StreamObservationTable,
// into a changeset (a dry run's).
func ReadObservationsWith(file string, data []byte, cat *analytics.Catalogue, idx Index, opts Options) (*store.Changeset, *Report, error) {
	cs := &store.Changeset{Kind: Observations, Source: file}
	rep, err := StreamObservationsWith(file, data, cat, idx, opts, func(o analytics.Observation) error {
		cs.Observations = append(cs.Observations, o)
		return nil
	})
	if err != nil {
		return nil, rep, err
	}
	return cs, rep, nil
}

// StreamObservationsWith is ReadObservationsWith handing each value to put
// (see StreamObservations and StreamObservationTable).
func StreamObservationsWith(file string, data []byte, cat *analytics.Catalogue, idx Index, opts Options, put func(analytics.Observation) error) (*Report, error) {
	if IsZip(data) || opts.Period != 0 || len(opts.Map) > 0 || !CanonicalCSV(data) {
		return StreamObservationTable(file, data, cat, idx, opts, put)
	}
	rows := 0
	err := StreamObservations(file, bytes.NewReader(data), cat, idx, func(o analytics.Observation) error {
		rows++
		return put(o)
	})
	return &Report{File: file, Format: "csv", Rows: rows}, err
}

// CanonicalCSV reports whether a CSV's first line is the long header
// indicator, region, period, value, in any order (and any extra columns).
func CanonicalCSV(data []byte) bool {
	line, _, _ := strings.Cut(string(data[:min(len(data), 4096)]), "\n")
	line = strings.TrimPrefix(strings.TrimSpace(line), "\ufeff")
	have := map[string]bool{}
	for _, h := range strings.Split(line, ",") {
		have[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return have["indicator"] && have["region"] && have["period"] && have["value"]
}
