package analytics

import "fmt"

// Restrict returns a snapshot of the subtree of region code only: the
// region itself, everything inside it, and the observations, facilities,
// grids and checklist entries that belong there. A user limited to a region reads such a
// snapshot, so every answer built from it — lists, maps, tiles, exports —
// stays inside the region without each handler checking.
func (s *Snapshot) Restrict(code string) (*Snapshot, error) {
	if _, ok := s.Region(code); !ok {
		return nil, fmt.Errorf("analytics: restrict to unknown region %q", code)
	}
	inside := map[string]bool{}
	// Road networks are not divided by region: coverage inside the region
	// still travels on them.
	d := &Dataset{Batches: s.batches, Networks: s.networks}
	for _, r := range s.regions {
		if s.Within(r.Code, code) {
			inside[r.Code] = true
			d.Regions = append(d.Regions, r)
		}
	}
	for k, v := range s.obs {
		if inside[k.region] {
			d.Observations = append(d.Observations, Observation{Indicator: k.indicator, Region: k.region, Period: k.period, Value: v})
		}
	}
	for _, f := range s.facilities {
		if inside[f.Region] {
			d.Facilities = append(d.Facilities, f)
		}
	}
	for _, g := range s.grids {
		if inside[g.Community] {
			d.Grids = append(d.Grids, g)
		}
	}
	for _, e := range s.checklist.entries {
		if inside[e.Region] {
			d.Checklist = append(d.Checklist, e)
		}
	}
	r := NewSnapshot(s.Version, s.Catalogue, d)
	r.Scope = code
	// Derived values come from the whole atlas: a clinic across the scope's
	// border still serves residents inside it.
	if s.derivation != nil {
		r.derivation = &derivation{}
		for _, o := range s.derived() {
			if inside[o.Region] {
				r.derivation.initial = append(r.derivation.initial, *o)
			}
		}
	}
	return r, nil
}

// Key identifies the snapshot's content for caches and ETags: its version,
// its scope when restricted, and a digest of the submitted values standing
// in for published ones (WithSubmitted).
func (s *Snapshot) Key() string {
	key := fmt.Sprint(s.Version)
	if s.Scope != "" {
		key += "@" + s.Scope
	}
	if s.submissionKey != "" {
		key += "+" + s.submissionKey
	}
	return key
}
