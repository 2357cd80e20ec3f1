package analytics

// TargetOverride is a region's own target for an indicator in a period — a
// quota of the notice's annexes (指标分解表), which break the city's targets
// down by county. It takes the place of the catalogue's target at the
// region's level (the share target of a share_meeting roll-up above the data
// level), with its comparator, and makes the period judged for that region
// even where the catalogue's target is not dated for it.
type TargetOverride struct {
	Indicator string
	Region    string
	Period    int
	Urban     Bound
	Rural     Bound
	Batch     int64 // the import batch it came from
}

// LevelTarget is the target that judges an indicator's values at level l:
// above the data level a share_meeting roll-up is judged on its share
// target, everything else on the indicator's own.
func (ind *Indicator) LevelTarget(l Level) Target {
	if ind.Rollup.Method == ShareMeeting && l.Depth() < ind.DataLevel.Depth() {
		return *ind.Rollup.Target
	}
	return ind.Target
}

// OneTarget reports whether the notice gives urban and rural communities the
// same bound: then a region holding both is judged on its pooled value (the
// blend of equal bounds is that bound); otherwise it meets only where each
// kind meets its own.
func (t Target) OneTarget() bool {
	return sameBound(t.Urban.Min, t.Rural.Min) && sameBound(t.Urban.Max, t.Rural.Max)
}

func sameBound(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// Why a value is not judged.
const (
	// NotAtLevel: the target applies only from a higher level (one pilot
	// township per county is not a township's target).
	NotAtLevel = "level"
	// NoTarget: no target is dated for the period, and the region has no
	// override for it.
	NoTarget = "period"
)

// TargetFor is the target a region is judged on for an indicator in a
// period: its override, or the catalogue's target at its level where that
// is dated for the period. ok is false where neither holds: the period is not
// judged for the region.
func (s *Snapshot) TargetFor(ind *Indicator, r *Region, period int) (t Target, override, ok bool) {
	if o, found := s.targets[obsKey{ind.ID, r.Code, period}]; found {
		t = ind.LevelTarget(r.Level)
		t.Urban, t.Rural = o.Urban, o.Rural
		return t, true, true
	}
	if ind.Applies != nil && ind.Applies.Holds(period) {
		return ind.LevelTarget(r.Level), false, true
	}
	return Target{}, false, false
}

// standard is the bound a data-level unit is measured against whatever the
// period: it decides whether the unit counts as meeting in a share, which is
// a figure (say, the share of communities with a one-stop hall) even in a
// year the notice sets no target for.
func (s *Snapshot) standard(ind *Indicator, r *Region, period int) Bound {
	if t, _, ok := s.TargetFor(ind, r, period); ok {
		return t.For(r.Kind)
	}
	return ind.Target.For(r.Kind)
}

func (s *Snapshot) indexTargets(ts []TargetOverride) {
	s.targets = make(map[obsKey]TargetOverride, len(ts))
	for _, t := range ts {
		s.targets[obsKey{t.Indicator, t.Region, t.Period}] = t
	}
}
