package classify

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
)

// palettes.json holds ColorBrewer's colour-blind-safe sequential and
// diverging schemes for 3 to 9 classes (LICENSE.colorbrewer).
//
//go:embed palettes.json
var palettesJSON []byte

// NoData is the colour of regions without a value: a neutral grey that no
// palette uses.
const NoData = "#cccccc"

// Target colours: meets, within reach, misses. Taken from ColorBrewer's
// RdYlBu (colour-blind safe), blue for good news.
var TargetColours = [3]string{"#4575b4", "#fee090", "#d73027"}

type paletteSet struct {
	Source     string                         `json:"source"`
	Sequential map[string]map[string][]string `json:"sequential"`
	Diverging  map[string]map[string][]string `json:"diverging"`
}

var palettes = func() paletteSet {
	var p paletteSet
	if err := json.Unmarshal(palettesJSON, &p); err != nil {
		panic("classify: palettes.json: " + err.Error()) // embedded at build time
	}
	return p
}()

// DefaultPalette is the palette used when none is named.
const DefaultPalette = "YlGnBu"

// Colours returns k colours of the named palette, light to dark for a
// sequential palette.
func Colours(name string, k int) ([]string, error) {
	if k < MinClasses || k > MaxClasses {
		return nil, classifyError("%d classes; palettes have %d to %d", k, MinClasses, MaxClasses)
	}
	key := fmt.Sprint(k)
	if c, ok := palettes.Sequential[name][key]; ok {
		return slices.Clone(c), nil
	}
	if c, ok := palettes.Diverging[name][key]; ok {
		return slices.Clone(c), nil
	}
	return nil, classifyError("unknown palette %q (sequential: %v; diverging: %v)", name, PaletteNames(false), PaletteNames(true))
}

// PaletteNames lists the sequential (or diverging) palette names.
func PaletteNames(diverging bool) []string {
	m := palettes.Sequential
	if diverging {
		m = palettes.Diverging
	}
	var out []string
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
