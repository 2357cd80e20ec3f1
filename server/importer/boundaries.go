package importer

import (
	"fmt"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb/geojson"
)

// insideTolerance is the share of a region's area that may lie outside its
// parent: boundaries from different surveys never match exactly.
const insideTolerance = 0.01

// codeLength is the length of a statistical division code at each level.
var codeLength = map[analytics.Level]int{
	analytics.City: 4, analytics.County: 6, analytics.Township: 9, analytics.Community: 12,
}

// ReadBoundaries reads a GeoJSON FeatureCollection of regions. Properties:
// code, name, level (city, county, township, community), parent (the code of
// the region one level up, in this file or already known), kind (urban or
// rural; for communities it defaults from the name: 居委会 urban, 村委会
// rural), population, households, generated; a city has no parent. Each
// region must lie inside its parent within 1% of its area.
func ReadBoundaries(file string, data []byte, idx Index) (*store.Changeset, error) {
	fc, err := readFeatures(data)
	if err != nil {
		return nil, &Error{File: file, Problems: []Problem{{Message: err.Error()}}}
	}
	var c collector
	cs := &store.Changeset{Kind: Boundaries, Source: file}
	pending := make(map[string]int, len(fc.Features)) // code → index in cs.Regions
	feature := make([]int, 0, len(fc.Features))       // feature number of each region
	for i, f := range fc.Features {
		r, p, ok := parseRegion(f)
		if ok {
			if j, dup := pending[r.Code]; dup {
				p, ok = Problem{Code: r.Code, Field: "code", Message: fmt.Sprintf("duplicate of feature %d", feature[j])}, false
			}
		}
		if !ok {
			p.Feature = i + 1
			if c.add(p); c.full() {
				break
			}
			continue
		}
		pending[r.Code] = len(cs.Regions)
		cs.Regions = append(cs.Regions, r)
		feature = append(feature, i+1)
	}
	if len(c.err.Problems) == 0 {
		checkHierarchy(cs.Regions, feature, pending, idx, &c)
	}
	if err := c.result(file); err != nil {
		return nil, err
	}
	return cs, nil
}

// parseRegion reads one feature's properties and geometry.
func parseRegion(f *geojson.Feature) (analytics.Region, Problem, bool) {
	p := props(f.Properties)
	var r analytics.Region
	fail := func(field string, err error) (analytics.Region, Problem, bool) {
		return r, Problem{Code: r.Code, Field: field, Message: err.Error()}, false
	}
	var err error
	if r.Code, err = p.str("code"); err != nil {
		return fail("code", err)
	}
	if r.Name, err = p.str("name"); err != nil || r.Name == "" {
		return fail("name", fmt.Errorf("name is missing"))
	}
	level, _ := p.str("level")
	r.Level = analytics.Level(level)
	if !r.Level.Valid() {
		return fail("level", fmt.Errorf("level %q is not city, county, township or community", level))
	}
	if err := checkCode(r.Code, r.Level); err != nil {
		return fail("code", err)
	}
	if r.Parent, err = p.str("parent"); err != nil {
		return fail("parent", err)
	}
	if r.Kind, err = regionKind(p, r); err != nil {
		return fail("kind", err)
	}
	if r.Population, err = p.count("population"); err != nil {
		return fail("population", err)
	}
	if r.Households, err = p.count("households"); err != nil {
		return fail("households", err)
	}
	if r.Generated, err = p.flag("generated"); err != nil {
		return fail("generated", err)
	}
	if r.Geometry, err = normalise(f.Geometry); err != nil {
		return fail("geometry", err)
	}
	r.AreaKM2 = geo.Area(r.Geometry) / 1e6
	r.LabelPoint = geo.LabelPoint(r.Geometry)
	return r, Problem{}, true
}

func checkCode(code string, level analytics.Level) error {
	for _, ch := range code {
		if ch < '0' || ch > '9' {
			return fmt.Errorf("code %q is not a statistical division code (digits only)", code)
		}
	}
	if n := codeLength[level]; len(code) != n {
		return fmt.Errorf("code %q has %d digits; a %s code has %d", code, len(code), level, n)
	}
	return nil
}

// regionKind reads the urban/rural kind of a community; other levels have none.
func regionKind(p props, r analytics.Region) (analytics.Kind, error) {
	k, err := p.str("kind")
	if err != nil {
		return "", err
	}
	if r.Level != analytics.Community {
		if k != "" {
			return "", fmt.Errorf("only communities have a kind; this is a %s", r.Level)
		}
		return "", nil
	}
	switch {
	case k == string(analytics.Urban) || k == string(analytics.Rural):
		return analytics.Kind(k), nil
	case k != "":
		return "", fmt.Errorf("kind %q is not urban or rural", k)
	case strings.HasSuffix(r.Name, "居委会"):
		return analytics.Urban, nil
	case strings.HasSuffix(r.Name, "村委会"):
		return analytics.Rural, nil
	}
	return "", fmt.Errorf("kind is missing and the name %q ends in neither 居委会 (urban) nor 村委会 (rural)", r.Name)
}

// checkHierarchy checks each region's parent: known, one level up, a prefix
// of the code, and covering the region.
func checkHierarchy(regions []analytics.Region, feature []int, pending map[string]int, idx Index, c *collector) {
	for i := range regions {
		r := &regions[i]
		if err := checkParent(r, regions, pending, idx); err != nil {
			if c.add(Problem{Feature: feature[i], Code: r.Code, Field: "parent", Message: err.Error()}); c.full() {
				return
			}
		}
	}
}

func checkParent(r *analytics.Region, regions []analytics.Region, pending map[string]int, idx Index) error {
	if r.Level == analytics.City {
		// The atlas has no level above the city, and the stores require a
		// parent to be a stored region: a province code such as "32"
		// would fail there as a foreign key.
		if r.Parent != "" {
			return fmt.Errorf("parent %q is unknown: a city is the top of the atlas, so its parent must be empty", r.Parent)
		}
		return nil
	}
	var parent *analytics.Region
	if j, ok := pending[r.Parent]; ok {
		parent = &regions[j]
	} else if p, ok := idx.Region(r.Parent); ok {
		parent = p
	} else {
		return fmt.Errorf("parent %q is neither in this file nor already known", r.Parent)
	}
	if parent.Level.Depth() != r.Level.Depth()-1 {
		return fmt.Errorf("parent %s is a %s; a %s's parent must be one level up", parent.Code, parent.Level, r.Level)
	}
	if !strings.HasPrefix(r.Code, parent.Code) {
		return fmt.Errorf("code %s does not start with its parent's code %s", r.Code, parent.Code)
	}
	return checkInside(r, parent)
}

// checkInside requires all but insideTolerance of the region's area to lie
// inside its parent.
func checkInside(r, parent *analytics.Region) error {
	if !parent.Geometry.Bound().Intersects(r.Geometry.Bound()) {
		return fmt.Errorf("the region lies entirely outside its parent %s %s", parent.Code, parent.Name)
	}
	inter, err := geo.Intersection(r.Geometry, parent.Geometry)
	if err != nil {
		return fmt.Errorf("cannot intersect with parent %s: %w", parent.Code, err)
	}
	area := r.AreaKM2 * 1e6
	if outside := area - geo.Area(inter); outside > insideTolerance*area {
		return fmt.Errorf("%.1f%% of the region (%.3f km²) lies outside its parent %s %s; at most %.0f%% may",
			100*outside/area, outside/1e6, parent.Code, parent.Name, 100*insideTolerance)
	}
	return nil
}
