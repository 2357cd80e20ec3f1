package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/community-atlas/atlas/server/store"
)

// Targets is the import kind of per-region target overrides: the quotas of
// the notice's annexes (指标分解表).
const Targets = "targets"

// Target tables: a workbook or CSV, one row per region × indicator × year,
// with a title above the header allowed, as offices keep the annexes:
//
//	区划代码 | 指标 | 年度 | 城市社区 | 农村社区
//	320612  | 省和谐社区建设示范社区达标 | 2013 | 80 | 70
//
// The region is a division code or a region's exact name; the indicator
// its id, Chinese or English name; the year a column, the sheet's name or
// --period. The bounds are in the indicator's unit at the region's level (a
// share in % for a share_meeting roll-up above the data level): one column
// per kind, or one 目标 (target) column for both; a range is written 7-9.
// "95%" reads as 95. --map code=…,indicator=…,urban=…,rural=…,target=…
// names a column the headers do not give away.
var targetHeaders = map[string][]string{
	"code":      obsHeaders["region"],
	"name":      {"name", "名称", "地区", "县(市)、区", "县市区", "单位"},
	"indicator": obsHeaders["indicator"],
	"period":    obsHeaders["period"],
	"urban":     {"urban", "城市社区", "城市", "城市社区目标", "urban target"},
	"rural":     {"rural", "农村社区", "农村", "农村社区目标", "rural target"},
	"target":    {"target", "目标", "目标值", "指标分解", "threshold"},
}

// namer finds regions by name; a snapshot is one.
type namer interface {
	Named(name string) []*analytics.Region
}

// ReadTargets reads target overrides from a table (see above), checking
// every row against the catalogue and the regions: a known region at or
// above the indicator's data level and no lower than the level its target
// applies from, bounds the comparator takes, no duplicate. Any problem
// fails the whole file.
func ReadTargets(file string, data []byte, cat *analytics.Catalogue, idx Index, opts Options) (*store.Changeset, *Report, error) {
	rep := &Report{File: file, Format: "csv"}
	if IsZip(data) {
		rep.Format = "xlsx"
		if err := CheckZip(file, data, opts.maxBytes()); err != nil {
			return nil, rep, err
		}
	}
	book, err := table.Open(file, data)
	if err != nil {
		return nil, rep, fileError(file, err)
	}
	r := targetReader{cat: cat, idx: idx, opts: opts, names: indicatorNames(cat), seen: map[targetKey]int{},
		cs: &store.Changeset{Kind: Targets, Source: file}, columns: map[string]string{}}
	for _, sh := range book.Sheets {
		if err := r.sheet(sh); err != nil {
			return nil, rep, fileError(file, err)
		}
	}
	rep.Columns, rep.Rows = r.columns, r.rows
	if err := r.c.result(file); err != nil {
		return nil, rep, err
	}
	if len(r.cs.Targets) == 0 {
		return nil, rep, fileError(file, fmt.Errorf("no targets: the tables hold no rows"))
	}
	return r.cs, rep, nil
}

type targetReader struct {
	cat     *analytics.Catalogue
	idx     Index
	opts    Options
	names   map[string]*analytics.Indicator
	seen    map[targetKey]int
	c       collector
	cs      *store.Changeset
	columns map[string]string
	rows    int
}

// targetLayout is the column of each role in a sheet, -1 where absent.
type targetLayout map[string]int

func (r *targetReader) layout(sh *table.Sheet) (targetLayout, error) {
	lay := targetLayout{}
	for role, names := range targetHeaders {
		lay[role] = -1
		if over, ok := r.opts.Map[role]; ok {
			lay[role] = indexOf(sh.Header, over)
			continue
		}
		for _, n := range names {
			if i := indexOf(sh.Header, n); i >= 0 {
				lay[role] = i
				break
			}
		}
	}
	cols := strings.Join(sh.Header, ", ")
	switch {
	case lay["code"] < 0 && lay["name"] < 0:
		return lay, fmt.Errorf("sheet %s: no region column (区划代码 or 名称, code or name; columns: %s)", sh.Name, cols)
	case lay["indicator"] < 0:
		return lay, fmt.Errorf("sheet %s: no indicator column (指标, indicator; columns: %s)", sh.Name, cols)
	case lay["target"] < 0 && (lay["urban"] < 0 || lay["rural"] < 0):
		return lay, fmt.Errorf("sheet %s: no threshold columns: 城市社区 and 农村社区 (urban, rural), or one 目标 (target) for both; columns: %s", sh.Name, cols)
	case lay["period"] < 0 && sh.Period == 0 && r.opts.Period == 0:
		return lay, fmt.Errorf("sheet %s: no year: name the sheet for it (2013, 2013年), add a 年度 column, or give --period", sh.Name)
	}
	for role, i := range lay {
		if i >= 0 {
			r.columns[sh.Name+": "+role] = sh.Header[i]
		}
	}
	return lay, nil
}

func (r *targetReader) sheet(sh *table.Sheet) error {
	lay, err := r.layout(sh)
	if err != nil {
		return err
	}
	return sh.Each(func(row int, cells []string) error {
		r.rows++
		at := func(role string) string {
			i := lay[role]
			if i < 0 || i >= len(cells) {
				return ""
			}
			return strings.TrimSpace(cells[i])
		}
		if t, p, ok := r.row(sh, at); ok {
			r.add(sh, row, t)
		} else {
			p.Row = row
			r.c.add(p)
		}
		if r.c.full() {
			return errStop
		}
		return nil
	})
}

// row reads one row into an override, or says what is wrong with it.
func (r *targetReader) row(sh *table.Sheet, at func(string) string) (analytics.TargetOverride, Problem, bool) {
	where := "sheet " + sh.Name + ": "
	bad := func(code, field, format string, args ...any) (analytics.TargetOverride, Problem, bool) {
		return analytics.TargetOverride{}, Problem{Code: code, Field: field, Message: where + fmt.Sprintf(format, args...)}, false
	}
	reg, msg := r.region(at("code"), at("name"))
	if reg == nil {
		return bad(at("code"), "region", "%s", msg)
	}
	ind, ok := r.cat.Indicator(at("indicator"))
	if !ok {
		ind, ok = r.names[normHeader(at("indicator"))]
	}
	if !ok {
		return bad(reg.Code, "indicator", "unknown indicator %q (GET /api/v1/indicators lists them)", at("indicator"))
	}
	period, err := r.period(sh, at("period"))
	if err != nil {
		return bad(reg.Code, "period", "%v", err)
	}
	if d := reg.Level.Depth(); d > ind.DataLevel.Depth() || d > ind.TargetLevel.Depth() {
		return bad(reg.Code, "region", "region %s is a %s; %s is judged from the %s level up", reg.Code, reg.Level, ind.ID, ind.TargetLevel)
	}
	t := analytics.TargetOverride{Indicator: ind.ID, Region: reg.Code, Period: period}
	cmp := ind.Comparator(reg.Level)
	for _, k := range []struct {
		role  string
		bound *analytics.Bound
	}{{"urban", &t.Urban}, {"rural", &t.Rural}} {
		cell := at(k.role)
		field := k.role
		if cell == "" {
			cell, field = at("target"), "target"
		}
		b, err := parseBound(cell, cmp, ind, reg.Level)
		if err != nil {
			return bad(reg.Code, field, "%s: %v", k.role, err)
		}
		*k.bound = b
	}
	return t, Problem{}, true
}

// region finds the row's region by code, or else by exact name.
func (r *targetReader) region(code, name string) (*analytics.Region, string) {
	if code != "" {
		if reg, ok := r.idx.Region(code); ok {
			return reg, ""
		}
		if name == "" {
			return nil, fmt.Sprintf("unknown region code %q", code)
		}
	}
	n, ok := r.idx.(namer)
	if name == "" || !ok {
		return nil, "no region code"
	}
	switch found := n.Named(name); len(found) {
	case 0:
		return nil, fmt.Sprintf("no region is called %q", name)
	case 1:
		return found[0], ""
	default:
		return nil, fmt.Sprintf("%d regions are called %q (%s, …): give the code", len(found), name, found[0].Code)
	}
}

func (r *targetReader) period(sh *table.Sheet, cell string) (int, error) {
	p := r.opts.Period
	if p == 0 {
		p = sh.Period
	}
	if cell != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(cell, "年度"), "年"))
		if err != nil {
			return 0, fmt.Errorf("period %q is not a year", cell)
		}
		p = n
	}
	if p < minPeriod || p > maxPeriod {
		return 0, fmt.Errorf("year %d is not from %d to %d", p, minPeriod, maxPeriod)
	}
	return p, nil
}

func (r *targetReader) add(sh *table.Sheet, row int, t analytics.TargetOverride) {
	key := targetKey{t.Indicator, t.Region, t.Period}
	if first, dup := r.seen[key]; dup {
		r.c.add(Problem{Row: row, Code: t.Region, Field: "indicator",
			Message: fmt.Sprintf("sheet %s: duplicate of row %d: %s for %s in %d appears twice", sh.Name, first, t.Indicator, t.Region, t.Period)})
		return
	}
	r.seen[key] = row
	r.cs.Targets = append(r.cs.Targets, t)
}

// parseBound reads a threshold for comparator c: one number for ≥ (min)
// and ≤ (max), "a-b" for a range. It must lie in what the indicator's
// values can be at the level (valueRange).
func parseBound(cell string, c analytics.Comparator, ind *analytics.Indicator, l analytics.Level) (analytics.Bound, error) {
	if cell == "" {
		return analytics.Bound{}, fmt.Errorf("no threshold")
	}
	lo, hi := valueRange(ind, l)
	num := func(s string) (*float64, error) {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		if v < lo || v > hi {
			return nil, fmt.Errorf("%g is outside %g–%g, what %s can be", v, lo, hi, ind.ID)
		}
		return &v, nil
	}
	if c != analytics.Between {
		v, err := num(cell)
		if err != nil {
			return analytics.Bound{}, err
		}
		if c == analytics.AtMost {
			return analytics.Bound{Max: v}, nil
		}
		return analytics.Bound{Min: v}, nil
	}
	parts := strings.FieldsFunc(cell, func(r rune) bool { return r == '-' || r == '~' || r == '～' || r == '–' || r == '至' })
	if len(parts) != 2 {
		return analytics.Bound{}, fmt.Errorf("%q is not a range: write it min-max, as 7-9", cell)
	}
	a, err := num(parts[0])
	if err != nil {
		return analytics.Bound{}, err
	}
	b, err := num(parts[1])
	if err != nil {
		return analytics.Bound{}, err
	}
	if *a > *b {
		return analytics.Bound{}, fmt.Errorf("range %g-%g runs backwards", *a, *b)
	}
	return analytics.Bound{Min: a, Max: b}, nil
}

// valueRange is what an indicator's values can be at a level: its valid
// range at the data level and for means; 0–100 for a share of units; from
// 0 (or its lower end) up for a sum, which grows with the units.
func valueRange(ind *analytics.Indicator, l analytics.Level) (float64, float64) {
	if l.Depth() >= ind.DataLevel.Depth() {
		return ind.ValidRange[0], ind.ValidRange[1]
	}
	switch ind.Rollup.Method {
	case analytics.ShareMeeting:
		return 0, 100
	case analytics.Sum:
		return min(0, ind.ValidRange[0]), math.MaxFloat64
	}
	return ind.ValidRange[0], ind.ValidRange[1]
}

// targetKey is what a target row sets: one indicator of one region in one
// year.
type targetKey struct {
	ind, region string
	period      int
}
