package importer

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/geo/format"
)

// parentOfCode is the code of the region one level up, as the code's
// prefix gives it ("" for a province); checkParent looks further up where
// that level is skipped.
func parentOfCode(code string) string {
	if up := analytics.AncestorCodes(code); len(up) > 0 {
		return up[0]
	}
	return ""
}

// regionRow reads the regions of a layer whose columns m maps: one feature
// is one region. What the file lacks comes from the region as stored (an
// update keeps the attributes the file does not carry), else from the
// code: the level from its length, the parent from its prefix.
type regionRow struct {
	l   *format.Layer
	m   mapping
	idx Index
}

// region builds feature i's region, or the problem with it.
func (rr regionRow) region(i int) (analytics.Region, *Problem) {
	f := rr.l.Features[i]
	var r analytics.Region
	fail := func(field, format string, args ...any) (analytics.Region, *Problem) {
		return r, &Problem{Feature: i + 1, Code: r.Code, Field: field, Message: fmt.Sprintf(format, args...)}
	}
	r.Name = rr.text(f, roleName)
	code, ok := rr.code(f, r.Name)
	if !ok {
		return fail(rr.header(roleCode), "%s", code)
	}
	r.Code = code
	if stored, ok := rr.idx.Region(code); ok {
		r = *stored // keep what the file does not say
		r.Name = firstNonEmpty(rr.text(f, roleName), stored.Name)
	}
	if r.Name == "" {
		return fail(rr.header(roleName), "name is missing")
	}
	var err error
	if r.Level, err = rr.level(f, code); err != nil {
		return fail(rr.header(roleLevel), "%v", err)
	}
	if err := checkCode(code, r.Level); err != nil {
		return fail(rr.header(roleCode), "%v", err)
	}
	if p := rr.text(f, roleParent); p != "" || rr.m.column(roleParent) >= 0 {
		r.Parent = p
	} else {
		r.Parent = parentOfCode(code)
	}
	if r.Population, err = rr.count(f, rolePopulation, r.Population); err != nil {
		return fail(rr.header(rolePopulation), "%v", err)
	}
	if r.Households, err = rr.count(f, roleHouseholds, r.Households); err != nil {
		return fail(rr.header(roleHouseholds), "%v", err)
	}
	if r.Kind, err = kindOf(rr.text(f, roleKind), r); err != nil {
		return fail(rr.header(roleKind), "%v", err)
	}
	if r.Generated, err = rr.flag(f, roleGenerated, r.Generated); err != nil {
		return fail(rr.header(roleGenerated), "%v", err)
	}
	if r.Geometry, err = normalise(f.Geometry); err != nil {
		return fail(geometryField(rr.l), "%v", err)
	}
	r.AreaKM2 = geo.Area(r.Geometry) / 1e6
	r.LabelPoint = geo.LabelPoint(r.Geometry)
	return r, nil
}

// code is the feature's code: from the code column, or, for a feature
// without one, the region of that name whose area holds the feature's label
// point. When no code can be had the string says why.
func (rr regionRow) code(f format.Feature, name string) (string, bool) {
	if c, ok := codeText(rr.value(f, roleCode)); ok {
		return c, true
	}
	if name == "" {
		return "the feature has neither a code nor a name", false
	}
	g, err := normalise(f.Geometry)
	if err != nil {
		return "the feature has no code, and its geometry cannot place it: " + err.Error(), false
	}
	at := geo.LabelPoint(g)
	var found []string
	for _, level := range slices.Backward(analytics.Levels) {
		if r, ok := rr.idx.Locate(level, at); ok && r.Name == name {
			found = append(found, r.Code)
		}
	}
	switch len(found) {
	case 1:
		return found[0], true
	case 0:
		return fmt.Sprintf("no code, and no known region named %q holds its label point (%.5f, %.5f)", name, at[0], at[1]), false
	}
	return fmt.Sprintf("no code, and regions %s are all named %q and hold its label point: give the code", strings.Join(found, ", "), name), false
}

func (rr regionRow) level(f format.Feature, code string) (analytics.Level, error) {
	if v := rr.text(f, roleLevel); v != "" {
		l := analytics.Level(v)
		if !l.Valid() {
			return "", fmt.Errorf("level %q is not one of %s", v, analytics.LevelNames())
		}
		return l, nil
	}
	if l, ok := analytics.LevelOfCode(code); ok {
		return l, nil
	}
	return "", fmt.Errorf("code %q has %d digits: %s", code, len(code), codeLengths())
}

// codeLengths says how long each level's codes are, for messages.
func codeLengths() string {
	parts := make([]string, len(analytics.Hierarchy))
	for i, l := range analytics.Hierarchy {
		parts[i] = fmt.Sprintf("a %s has %d", l.Name, l.CodeLength)
	}
	return strings.Join(parts, ", ")
}

func (rr regionRow) value(f format.Feature, r role) any {
	if i := rr.m.column(r); i >= 0 && i < len(f.Values) {
		return f.Values[i]
	}
	return nil
}

// header names role r's column for problems: the file's own header.
func (rr regionRow) header(r role) string {
	if i := rr.m.column(r); i >= 0 {
		return rr.l.Fields[i].Name
	}
	return string(r)
}

func (rr regionRow) text(f format.Feature, r role) string {
	switch v := rr.value(f, r).(type) {
	case string:
		return strings.TrimSpace(v)
	case nil:
		return ""
	default:
		s, _ := codeText(v)
		return s
	}
}

// count reads a whole number ≥ 0; an absent column or an empty cell keeps
// def (the stored value, or 0 for a new region).
func (rr regionRow) count(f format.Feature, r role, def int64) (int64, error) {
	switch v := rr.value(f, r).(type) {
	case nil:
		return def, nil
	case int64:
		if v >= 0 && v < 1e12 {
			return v, nil
		}
	case float64:
		if v >= 0 && v == math.Trunc(v) && v < 1e12 {
			return int64(v), nil
		}
	case string:
		s := strings.ReplaceAll(strings.TrimSpace(v), ",", "")
		if s == "" {
			return def, nil
		}
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 && n < 1e12 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%v is not a whole number ≥ 0", rr.value(f, r))
}

func (rr regionRow) flag(f format.Feature, r role, def bool) (bool, error) {
	switch v := rr.value(f, r).(type) {
	case nil:
		return def, nil
	case bool:
		return v, nil
	case int64:
		return v != 0, nil
	case string:
		if b, err := strconv.ParseBool(strings.TrimSpace(v)); err == nil {
			return b, nil
		}
	}
	return false, fmt.Errorf("%v is not true or false", rr.value(f, r))
}

// kindOf reads the urban/rural kind of a community (城市/城镇/居委会 are
// urban, 农村/村委会 rural); a community without one keeps the stored one,
// or takes it from the name where the name says it (a residents'
// committee, 居委会, is urban; a village, 村委会 or 村, rural): a name in
// 社区 says nothing, since rural communities are named so too. Other levels
// have none.
func kindOf(v string, r analytics.Region) (analytics.Kind, error) {
	if r.Level != analytics.Community {
		if v != "" {
			return "", fmt.Errorf("only communities have a kind; this is a %s", r.Level)
		}
		return "", nil
	}
	switch v {
	case "urban", "城市", "城镇", "城市社区", "居委会":
		return analytics.Urban, nil
	case "rural", "农村", "农村社区", "村", "村委会":
		return analytics.Rural, nil
	case "":
	default:
		return "", fmt.Errorf("kind %q is not urban (城市) or rural (农村)", v)
	}
	switch {
	case r.Kind != "": // stored, and the file does not say
		return r.Kind, nil
	case strings.HasSuffix(r.Name, "居委会"):
		return analytics.Urban, nil
	case strings.HasSuffix(r.Name, "村委会") || strings.HasSuffix(r.Name, "村"):
		return analytics.Rural, nil
	}
	return "", fmt.Errorf("kind is missing and the name %q ends in neither 居委会 (urban) nor 村委会 (rural): give a kind column (城乡: 城市/农村)", r.Name)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
