package analytics

// Value is an indicator's value for one region and period, judged against the
// target that applies to that region.
type Value struct {
	Value float64
	Units int // data-level units with a value that went into it (1 at the data level)
	// Target is the bound for this region: its own kind's at the data level;
	// above it, the urban and rural bounds blended by the region's make-up.
	Target Bound
	// Judged is false where the target does not apply at this level (above
	// the data level for per-county requirements, say) — then Meets and Gap
	// mean nothing.
	Judged bool
	Meets  bool
	Gap    float64 // see Bound.Gap: ≥ 0 when met
}

// Rollups holds one indicator's values for one period at every level.
type Rollups struct {
	Indicator *Indicator
	Period    int
	values    map[string]Value
}

// Get returns the value for a region, if it has one.
func (r *Rollups) Get(code string) (Value, bool) {
	v, ok := r.values[code]
	return v, ok
}

type rollupKey struct {
	indicator string
	period    int
	reported  bool // stored values only, derived ones ignored
}

// Rollup returns the values of an indicator for a period for every region
// that has data beneath it. Results are computed once per snapshot.
func (s *Snapshot) Rollup(ind *Indicator, period int) *Rollups {
	return s.cachedRollup(ind, period, false)
}

// cachedRollup computes a roll-up once per snapshot: of the values shown,
// or of the stored values alone when reported.
func (s *Snapshot) cachedRollup(ind *Indicator, period int, reported bool) *Rollups {
	key := rollupKey{ind.ID, period, reported}
	if r, ok := s.rollups.Load(key); ok {
		return r.(*Rollups)
	}
	value := s.Observed
	if reported {
		value = s.Reported
	}
	r, _ := s.rollups.LoadOrStore(key, s.computeRollup(ind, period, value))
	return r.(*Rollups)
}

// accumulator gathers a region's data-level units.
type accumulator struct {
	n, meeting            int
	sum, weighted, weight float64
	urbanN, ruralN        float64
	urbanPop, ruralPop    float64
}

func (a *accumulator) add(r *Region, v float64, meets bool) {
	a.n++
	if meets {
		a.meeting++
	}
	pop := float64(r.Population)
	a.sum += v
	a.weighted += v * pop
	a.weight += pop
	if r.Kind == Rural {
		a.ruralN++
		a.ruralPop += pop
	} else {
		a.urbanN++
		a.urbanPop += pop
	}
}

// computeRollup rolls up the values value gives at the data level.
func (s *Snapshot) computeRollup(ind *Indicator, period int, value func(indicator, region string, period int) (float64, bool)) *Rollups {
	out := &Rollups{Indicator: ind, Period: period, values: map[string]Value{}}
	acc := map[string]*accumulator{}
	judgedDepth := ind.TargetLevel.Depth()
	for i := range s.regions {
		r := &s.regions[i]
		if r.Level != ind.DataLevel {
			continue
		}
		v, ok := value(ind.ID, r.Code, period)
		if !ok {
			continue
		}
		bound := ind.Target.For(r.Kind)
		val := Value{Value: v, Units: 1, Target: bound, Judged: r.Level.Depth() <= judgedDepth}
		val.Gap = bound.Gap(ind.Target.Comparator, v)
		val.Meets = val.Gap >= 0
		out.values[r.Code] = val
		// Up the ancestors this snapshot holds (a restricted one stops at
		// its scope).
		for parent, ok := s.Region(r.Parent); ok; parent, ok = s.Region(parent.Parent) {
			a := acc[parent.Code]
			if a == nil {
				a = &accumulator{}
				acc[parent.Code] = a
			}
			a.add(r, v, val.Meets)
		}
	}
	for code, a := range acc {
		reg, _ := s.Region(code)
		out.values[code] = ind.aggregate(a, reg.Level.Depth() <= judgedDepth)
	}
	return out
}

// aggregate turns a region's accumulated units into its value and target,
// following the indicator's roll-up rule (see RollupMethod).
func (ind *Indicator) aggregate(a *accumulator, judged bool) Value {
	val := Value{Units: a.n, Judged: judged}
	cmp := ind.Target.Comparator
	switch ind.Rollup.Method {
	case ShareMeeting:
		val.Value = 100 * float64(a.meeting) / float64(a.n)
		val.Target = ind.Rollup.Target.Blend(a.urbanN, a.ruralN)
		cmp = ind.Rollup.Target.Comparator
	case WeightedMean:
		if a.weight > 0 {
			val.Value = a.weighted / a.weight
		} else {
			val.Value = a.sum / float64(a.n)
		}
		val.Target = ind.Target.Blend(a.urbanPop, a.ruralPop)
	case Mean:
		val.Value = a.sum / float64(a.n)
		val.Target = ind.Target.Blend(a.urbanN, a.ruralN)
	case Sum:
		val.Value = a.sum
		val.Target = ind.Target.Blend(a.urbanN, a.ruralN)
	}
	val.Gap = val.Target.Gap(cmp, val.Value)
	val.Meets = val.Gap >= 0
	return val
}

// Comparator returns the comparator that judges the indicator's values at a
// level: the share target's for ShareMeeting above the data level.
func (ind *Indicator) Comparator(l Level) Comparator {
	if ind.Rollup.Method == ShareMeeting && l.Depth() < ind.DataLevel.Depth() {
		return ind.Rollup.Target.Comparator
	}
	return ind.Target.Comparator
}

// UnitAt is the unit of the indicator's values at a level: a share of units
// meeting their target is a percentage whatever the data-level unit.
func (ind *Indicator) UnitAt(l Level) string {
	if ind.Rollup.Method == ShareMeeting && l.Depth() < ind.DataLevel.Depth() {
		return "%"
	}
	return ind.Unit
}
