package importer

import (
	"fmt"
	"math"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/derive"
	"github.com/community-atlas/atlas/analytics/standards"
)

// readValue reads one cell given for a region under an indicator id.
type readValue func(cell string, reg *analytics.Region) (float64, error)

// lookupIndicator finds the indicator an id names — its own id, or a former
// one the catalogue keeps as an alias (the two floor-area indicators that
// became service_centre_floor_area) — and how to read a value given under
// that id: an alias's value is converted into the indicator's unit.
func lookupIndicator(cat *analytics.Catalogue, id string) (*analytics.Indicator, readValue, bool) {
	if ind, ok := cat.Indicator(id); ok {
		return ind, func(cell string, _ *analytics.Region) (float64, error) { return parseValue(cell, ind) }, true
	}
	ind, unit, ok := cat.Alias(id)
	if !ok {
		return nil, nil, false
	}
	rules := standards.RulesOf(cat)
	return ind, func(cell string, reg *analytics.Region) (float64, error) {
		v, err := strconv.ParseFloat(cell, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return 0, fmt.Errorf("value %q is not a number of at least 0 (%s, %s)", cell, id, unit)
		}
		share, err := floorAreaShare(rules, v, unit, reg)
		if err != nil {
			return 0, fmt.Errorf("%s (now %s): %w", id, ind.ID, err)
		}
		return parseValue(strconv.FormatFloat(share, 'f', -1, 64), ind)
	}, true
}

// floorAreaShare converts a community's centre floor area, in m² or in m²
// per 100 households, into a percentage of its standard.
func floorAreaShare(rules standards.Rules, v float64, unit string, reg *analytics.Region) (float64, error) {
	req, ok := rules.Required(reg)
	if !ok || reg.Level != analytics.Community {
		return 0, fmt.Errorf("region %s is a %s, not a community", reg.Code, reg.Level)
	}
	switch unit {
	case "m²":
	case "m²/100 households":
		if reg.Households <= 0 {
			return 0, fmt.Errorf("region %s records no households, so m² per 100 households gives no area", reg.Code)
		}
		v *= float64(reg.Households) / 100
	default:
		return 0, fmt.Errorf("no conversion from %q", unit)
	}
	return derive.StandardShare(v, req), nil
}
