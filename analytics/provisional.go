package analytics

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
)

// WithSubmitted returns a snapshot in which the given observations —
// submitted in an open round and not yet approved — stand in for the
// published values of s. Regions, geometry, facilities, targets and derived
// values are s's own, shared; roll-ups are computed afresh, so that every
// answer built from it (maps, scorecards, comparisons, exports) shows the
// submitted figures through the same code as the published ones, judged by
// the same rules, and Provisional tells which values rest on a submission.
// Observations of regions s does not hold (outside a restricted snapshot's
// scope) are dropped. With none left it returns s itself.
func (s *Snapshot) WithSubmitted(obs []Observation) *Snapshot {
	kept := slices.DeleteFunc(slices.Clone(obs), func(o Observation) bool {
		_, ok := s.Region(o.Region)
		return !ok
	})
	if len(kept) == 0 {
		return s
	}
	p := &Snapshot{
		Version: s.Version, Catalogue: s.Catalogue, Scope: s.Scope,
		regions: s.regions, byCode: s.byCode, children: s.children,
		facilities: s.facilities, grids: s.grids, networks: s.networks, batches: s.batches,
		obs: s.obs, targets: s.targets, spatial: s.spatial, checklist: s.checklist,
		levelCount: s.levelCount, roots: s.roots, defLevel: s.defLevel,
		derivation: s.derivation, published: s,
		periods: slices.Clone(s.periods), covered: maps.Clone(s.covered),
	}
	p.indexSubmitted(kept)
	return p
}

// indexSubmitted keeps the submitted values and marks, for each, the region
// and its ancestors as provisional for that indicator and period — unless
// the geometry derives the value, which then stands whatever was submitted.
func (p *Snapshot) indexSubmitted(obs []Observation) {
	p.submitted = make(map[obsKey]float64, len(obs))
	p.provisional = map[obsKey]bool{}
	h := fnv.New64a()
	slices.SortFunc(obs, func(a, b Observation) int {
		return cmp.Or(cmp.Compare(a.Indicator, b.Indicator), cmp.Compare(a.Region, b.Region), cmp.Compare(a.Period, b.Period))
	})
	for _, o := range obs {
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00%g\x00", o.Indicator, o.Region, o.Period, o.Value)
		k := obsKey{o.Indicator, o.Region, o.Period}
		p.submitted[k] = o.Value
		if i, ok := slices.BinarySearch(p.periods, o.Period); !ok {
			p.periods = slices.Insert(p.periods, i, o.Period)
		}
		if _, derived := p.Derivation(o.Indicator, o.Region, o.Period); derived {
			continue
		}
		for code := o.Region; code != ""; {
			p.provisional[obsKey{o.Indicator, code, o.Period}] = true
			r, ok := p.Region(code)
			if !ok {
				break
			}
			code = r.Parent
		}
	}
	p.submissionKey = fmt.Sprintf("p%x", h.Sum64())
	p.countSubmittedRegions(obs)
}

// countSubmittedRegions counts a region with submitted values but no
// published one in a period as covered there, so that the periods listed and
// the default period know of a round's year before it is published.
func (p *Snapshot) countSubmittedRegions(obs []Observation) {
	type regionPeriod struct {
		region string
		period int
	}
	seen := map[regionPeriod]bool{}
	for _, o := range obs {
		k := regionPeriod{o.Region, o.Period}
		if !seen[k] && !p.published.hasRegionPeriod(o.Region, o.Period) {
			p.covered[o.Period]++
		}
		seen[k] = true
	}
}

// hasRegionPeriod reports whether a region has any observation in a period.
func (s *Snapshot) hasRegionPeriod(region string, period int) bool {
	for _, ind := range s.Catalogue.Indicators {
		if _, ok := s.obs[obsKey{ind.ID, region, period}]; ok {
			return true
		}
	}
	return false
}

// Provisional reports whether the value of an indicator for a region and
// period rests on a submitted, not yet approved value: the region's own, or
// one beneath it that its roll-up takes in.
func (s *Snapshot) Provisional(indicator, region string, period int) bool {
	return s.provisional[obsKey{indicator, region, period}]
}

// HasSubmitted reports whether submitted values stand in for published ones
// (see WithSubmitted).
func (s *Snapshot) HasSubmitted() bool { return s.published != nil }
