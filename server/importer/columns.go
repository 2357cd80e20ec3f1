package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
)

// A role is what a column means to the importer: the region code, its name,
// population and so on. Columns are matched to roles by their header and
// checked (or, for codes, found) by their content, whatever a file calls
// them; Options.Map overrides both.
type role string

const (
	roleCode       role = "code"
	roleName       role = "name"
	roleLevel      role = "level"
	roleParent     role = "parent"
	roleKind       role = "kind"
	rolePopulation role = "population"
	roleHouseholds role = "households"
	roleGenerated  role = "generated"
	roleID         role = "id"
	roleType       role = "type"
	roleFloorArea  role = "floor_area"
	roleWorker     role = "worker"
)

// headerNames are the headers each role answers to, normalised (see
// normHeader). Offices name columns in many ways; these are the common
// ones, and content decides among candidates.
var headerNames = map[role][]string{
	roleCode: {"code", "adcode", "行政代码", "行政区划代码", "区划代码", "代码", "编码", "统计代码", "统计用区划代码",
		"行政编码", "社区代码", "村代码", "乡镇代码", "区县代码", "xzqdm", "dm"},
	roleName: {"name", "名称", "名字", "行政名称", "行政区划名称", "区划名称", "社区名称", "村名", "村名称", "社区",
		"乡镇名称", "街道名称", "单位名称", "xzqmc", "mc"},
	roleLevel:      {"level", "层级", "级别"},
	roleParent:     {"parent", "上级代码", "上级区划代码", "上级编码", "parentcode"},
	roleKind:       {"kind", "城乡", "城乡属性", "类型", "urbanrural"},
	rolePopulation: {"population", "pop", "人口", "总人口", "常住人口", "户籍人口", "人口数", "居民人数", "人数"},
	roleHouseholds: {"households", "户数", "总户数", "户籍户数", "常住户数", "住户数"},
	roleGenerated:  {"generated"},
}

// normHeader folds a header for matching (see table.NormHeader).
func normHeader(h string) string { return table.NormHeader(h) }

// mapping is the column of each role found in a layer, and how.
type mapping struct {
	col map[role]int
	how map[role]string
}

// Column returns the field index of role r, or -1.
func (m mapping) column(r role) int {
	if i, ok := m.col[r]; ok {
		return i
	}
	return -1
}

// describe lists the mapping for the report: role → header (how).
func (m mapping) describe(fields []format.Field) map[string]string {
	out := map[string]string{}
	for r, i := range m.col {
		out[string(r)] = fields[i].Name + " (" + m.how[r] + ")"
	}
	return out
}

// findColumns maps the roles to a layer's fields: overrides first (role →
// header as the file has it), then headers, then, for the code, content.
// known reports whether a code is a region the atlas holds.
func findColumns(l *format.Layer, overrides map[string]string, known func(string) bool) (mapping, error) {
	return findRoles(l, headerNames, overrides, known, nil)
}

// findRoles is findColumns for a table of roles and their headers.
// Columns in exclude (a table's coordinates) take no role.
func findRoles(l *format.Layer, headers map[role][]string, overrides map[string]string, known func(string) bool, exclude []int) (mapping, error) {
	m := mapping{col: map[role]int{}, how: map[role]string{}}
	taken := map[int]bool{}
	for _, i := range exclude {
		if i >= 0 {
			taken[i] = true
		}
	}
	for r, header := range overrides {
		i := fieldIndex(l.Fields, header)
		if i < 0 {
			return m, fmt.Errorf("--map %s=%s: the file has no column %q (it has %s)", r, header, header, fieldNames(l.Fields))
		}
		m.col[role(r)], m.how[role(r)], taken[i] = i, "as mapped", true
	}
	for _, r := range []role{roleID, roleType, roleCode, roleName, roleLevel, roleParent, roleKind, rolePopulation, roleHouseholds, roleGenerated, roleFloorArea, roleWorker} {
		if _, ok := m.col[r]; ok || headers[r] == nil {
			continue
		}
		if i := headerMatch(l.Fields, headers[r], taken); i >= 0 {
			m.col[r], m.how[r], taken[i] = i, "by its header", true
		}
	}
	codeByContent(l, &m, taken, known)
	return m, nil
}

func fieldIndex(fields []format.Field, header string) int {
	for i, f := range fields {
		if f.Name == header || normHeader(f.Name) == normHeader(header) {
			return i
		}
	}
	return -1
}

func fieldNames(fields []format.Field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// headerMatch is the untaken field whose header best answers to one of
// names: the whole header, or every or some of its space-separated parts
// (the exports' "区划代码 code"), in the order of names (a more specific
// name wins over a vaguer one); see table.MatchHeader.
func headerMatch(fields []format.Field, names []string, taken map[int]bool) int {
	header := make([]string, len(fields))
	for i, f := range fields {
		header[i] = f.Name
	}
	return table.MatchHeader(header, names, func(i int) bool { return taken[i] })
}

// codeByContent checks the code column by its values, or finds one: the
// column whose values are most often statistical division codes (4, 6, 9
// or 12 digits) or codes the atlas knows. A header match whose values are
// not codes gives way to a column whose values are.
func codeByContent(l *format.Layer, m *mapping, taken map[int]bool, known func(string) bool) {
	best, bestScore := -1, 0.0
	for i := range l.Fields {
		if taken[i] && i != m.column(roleCode) {
			continue
		}
		if s := codeScore(l, i, known); s > bestScore {
			best, bestScore = i, s
		}
	}
	cur, ok := m.col[roleCode]
	if ok && (m.how[roleCode] == "as mapped" || codeScore(l, cur, known) >= 0.9) {
		return
	}
	if best >= 0 && bestScore >= 0.9 {
		if ok {
			delete(taken, cur)
		}
		m.col[roleCode], m.how[roleCode] = best, "by its values: division codes"
		taken[best] = true
	}
}

// codeScore is the share of non-empty values of field i that are division
// codes (or codes the atlas knows), over the first 1,000 features.
func codeScore(l *format.Layer, i int, known func(string) bool) float64 {
	n, hits := 0, 0
	for j, f := range l.Features {
		if j == 1000 {
			break
		}
		s, ok := codeText(f.Values[i])
		if !ok {
			if f.Values[i] != nil {
				n++
			}
			continue
		}
		n++
		if isDivisionCode(s) || known(s) {
			hits++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hits) / float64(n)
}

// isDivisionCode: digits only, of a level's length.
func isDivisionCode(s string) bool {
	switch len(s) {
	case 4, 6, 9, 12:
	default:
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// codeText renders a cell as a code: text trimmed, or a whole number
// (codes arrive as numbers from DBF numeric fields and spreadsheets).
func codeText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		s := strings.TrimSpace(v)
		return s, s != ""
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatInt(int64(v), 10), true
		}
	}
	return "", false
}
