package analytics

import (
	"slices"
	"strings"
)

// LevelInfo is one level of the administrative hierarchy: its name, the
// length of its statistical division codes and its titles.
type LevelInfo struct {
	Name       Level `json:"name"`
	CodeLength int   `json:"code_length"`
	Title      Text  `json:"title"`
}

// Hierarchy is the table of levels, from the top down. Everything that
// knows levels derives from it: Levels and Depth, the code lengths the
// importer checks and infers levels and parents from, the snapshot's
// spatial indexes, the schema's levels table (migration 00012, checked
// against this table by the migrations' tests) and /api/v1/levels, which
// the web app reads. A deployment may skip levels: a region's parent may be
// at any higher level (Dongguan's towns sit directly under the city, a
// province-administered county-level city directly under the province).
var Hierarchy = []LevelInfo{
	{Province, 2, Text{ZH: "省(自治区、直辖市)", EN: "Province"}},
	{City, 4, Text{ZH: "市", EN: "City"}},
	{County, 6, Text{ZH: "县(市、区)", EN: "County"}},
	{Township, 9, Text{ZH: "乡镇(街道)", EN: "Township"}},
	{Community, 12, Text{ZH: "社区(村)", EN: "Community"}},
}

// Levels lists the levels' names from the top down.
var Levels = func() []Level {
	out := make([]Level, len(Hierarchy))
	for i, l := range Hierarchy {
		out[i] = l.Name
	}
	return out
}()

// LevelNames lists the levels' names, for messages: "province, city, …".
func LevelNames() string {
	names := make([]string, len(Levels))
	for i, l := range Levels {
		names[i] = string(l)
	}
	return strings.Join(names, ", ")
}

// Depth is the position of l in Hierarchy (province 0 … community 4), or -1.
func (l Level) Depth() int { return slices.Index(Levels, l) }

// Valid reports whether l is a level of Hierarchy.
func (l Level) Valid() bool { return l.Depth() >= 0 }

// CodeLength is the length of l's division codes, 0 for no level.
func (l Level) CodeLength() int {
	if d := l.Depth(); d >= 0 {
		return Hierarchy[d].CodeLength
	}
	return 0
}

// Title is l's name for people, the level's name itself if unknown.
func (l Level) Title() Text {
	if d := l.Depth(); d >= 0 {
		return Hierarchy[d].Title
	}
	return Text{ZH: string(l), EN: string(l)}
}

// LevelOfCode is the level whose codes are as long as code.
func LevelOfCode(code string) (Level, bool) {
	for _, l := range Hierarchy {
		if l.CodeLength == len(code) {
			return l.Name, true
		}
	}
	return "", false
}

// AncestorCodes are the codes that may hold code's parent, nearest first:
// its prefixes as long as a higher level's codes. A statistical code
// starts with its ancestors' codes; which of them exist is the data's.
func AncestorCodes(code string) []string {
	var out []string
	for i := len(Hierarchy) - 1; i >= 0; i-- {
		if n := Hierarchy[i].CodeLength; n < len(code) {
			out = append(out, code[:n])
		}
	}
	return out
}
