package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/community-atlas/atlas/analytics"
)

// division is one row of the official division codes.
type division struct {
	code, name, parent string
	level              analytics.Level
}

// readDivisions parses divisions_2023.csv (code,name,level,parent_code) and
// checks the hierarchy: one city, every other row's parent one level up.
func readDivisions(r io.Reader) ([]division, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("divisions: %w", err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "code,name,level,parent_code" {
		return nil, fmt.Errorf("divisions: header is not code,name,level,parent_code")
	}
	byCode := map[string]division{}
	var out []division
	for i, row := range rows[1:] {
		d := division{code: row[0], name: row[1], level: analytics.Level(row[2]), parent: row[3]}
		if !d.level.Valid() {
			return nil, fmt.Errorf("divisions: row %d (%s): unknown level %q", i+2, d.code, row[2])
		}
		if _, dup := byCode[d.code]; dup {
			return nil, fmt.Errorf("divisions: row %d: code %s repeated", i+2, d.code)
		}
		byCode[d.code] = d
		out = append(out, d)
	}
	for _, d := range out {
		if d.level == analytics.City {
			continue
		}
		p, ok := byCode[d.parent]
		if !ok || p.level.Depth() != d.level.Depth()-1 {
			return nil, fmt.Errorf("divisions: %s %s: parent %s is not one level up", d.code, d.name, d.parent)
		}
	}
	return out, nil
}

// communityKind tells urban communities from rural villages by the name of
// their committee. The official suffixes are 社区居委会 and 居委会 (urban) and
// 村委会 (rural); the rest of the 2023 list is classified as follows, in
// agreement with the committee part of the code (001–199 residents'
// committees, 200–399 villagers' committees):
//
//   - 社区居民委员会, a miswritten 社区居民委委会, and plain …社区 (including
//     village-named ones such as 光明村社区 and the 4xx-coded 园区/新区社区):
//     urban, they are residents' committees;
//   - …虚拟社区 (code x498, the nominal community of a development zone):
//     urban;
//   - …村委会（新） and plain …村: rural, villagers' committees;
//   - …虚拟生活区 (code x598, the living quarter of a state farm, fishery,
//     nursery or institute): rural.
func communityKind(name string) analytics.Kind {
	switch {
	case strings.HasSuffix(name, "虚拟生活区"),
		strings.HasSuffix(name, "村委会"),
		strings.HasSuffix(name, "村委会（新）"),
		strings.HasSuffix(name, "村"):
		return analytics.Rural
	default:
		return analytics.Urban
	}
}

// shortName drops the committee suffix, leaving the name of the place:
// 城中社区居委会 → 城中社区, 城中居委会 → 城中社区, 新华村委会 → 新华村.
func shortName(name string) string {
	name = strings.TrimSuffix(name, "（新）")
	for _, s := range []struct{ suffix, repl string }{
		{"社区居委会", "社区"},
		{"社区居民委员会", "社区"},
		{"社区居民委委会", "社区"},
		{"居委会", "社区"},
		{"村委会", "村"},
	} {
		if strings.HasSuffix(name, s.suffix) {
			return strings.TrimSuffix(name, s.suffix) + s.repl
		}
	}
	return name
}

// townshipClass is how a township's seat and extent are drawn.
type townshipClass int

const (
	// classTown is a town or a larger zone, spread over the county.
	classTown townshipClass = iota
	// classCore is a street (街道) of the county's urban core, or the town
	// holding the county seat where a county has no streets.
	classCore
	// classSmall is a unit of at most smallUnit communities — a state
	// farm, fishery or small zone — drawn as a small area beside a larger
	// township.
	classSmall
)

// smallUnit is the most communities a township of classSmall has.
const smallUnit = 4
