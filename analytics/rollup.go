package analytics

// Value is an indicator's value for one region and period, judged against the
// target that applies to that region in that period.
type Value struct {
	Value float64
	Units int // data-level units with a value that went into it (1 at the data level)
	// Target is the bound for this region: its own kind's at the data level;
	// above it, the urban and rural bounds blended by the region's make-up —
	// the verdict itself when the notice gives one target (OneTarget), for
	// display only when Split. The zero Bound where no target is dated for
	// the period (NotJudged is NoTarget).
	Target Bound
	// Judged is false where the target does not apply: at this level
	// (NotJudged NotAtLevel) or in this period (NoTarget). Then Meets and
	// Gap mean nothing.
	Judged    bool
	NotJudged string
	Meets     bool
	Gap       float64 // see Bound.Gap: ≥ 0 when met; the worse part's when Split
	// Split is set above the data level where urban and rural communities
	// have different bounds: the region meets only if each kind it holds
	// meets its own bound on its own units.
	Split bool
	// Urban and Rural are the verdicts on the region's urban and on its
	// rural communities alone, above the data level of a per-community
	// indicator; nil where the region holds no unit of that kind with data.
	Urban, Rural *Verdict
	// Override marks a target that is the region's own (an annex quota).
	Override bool
	// Provisional marks a value that rests on a submitted one, not yet
	// approved (see Snapshot.WithSubmitted).
	Provisional bool
}

// Verdict is the standing of one kind of community within a region.
type Verdict struct {
	Value  float64
	Units  int
	Target Bound // zero where the period has no target
	Meets  bool
	Gap    float64
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

// sums gathers data-level units of one kind.
type sums struct {
	n, meeting            int
	sum, weighted, weight float64
}

func (a *sums) add(v, pop float64, meets bool) {
	a.n++
	if meets {
		a.meeting++
	}
	a.sum += v
	a.weighted += v * pop
	a.weight += pop
}

func (a sums) plus(b sums) sums {
	return sums{a.n + b.n, a.meeting + b.meeting, a.sum + b.sum, a.weighted + b.weighted, a.weight + b.weight}
}

// accumulator gathers a region's data-level units by kind: [0] urban (and
// units without a kind), [1] rural.
type accumulator [2]sums

func kindIndex(k Kind) int {
	if k == Rural {
		return 1
	}
	return 0
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
		out.values[r.Code] = s.unitValue(ind, r, v, period, r.Level.Depth() <= judgedDepth)
		meets := s.standard(ind, r, period).Meets(ind.Target.Comparator, v)
		// Up the ancestors this snapshot holds (a restricted one stops at
		// its scope).
		for parent, ok := s.Region(r.Parent); ok; parent, ok = s.Region(parent.Parent) {
			a := acc[parent.Code]
			if a == nil {
				a = &accumulator{}
				acc[parent.Code] = a
			}
			a[kindIndex(r.Kind)].add(v, float64(r.Population), meets)
		}
	}
	for code, a := range acc {
		reg, _ := s.Region(code)
		out.values[code] = s.aggregate(ind, reg, a, period, reg.Level.Depth() <= judgedDepth)
	}
	s.markProvisional(out)
	return out
}

// unitValue judges one data-level unit on its own kind's bound.
func (s *Snapshot) unitValue(ind *Indicator, r *Region, v float64, period int, atLevel bool) Value {
	val := Value{Value: v, Units: 1}
	t, override, dated := s.TargetFor(ind, r, period)
	val.Override = override
	if dated {
		val.Target = t.For(r.Kind)
		val.Gap = val.Target.Gap(t.Comparator, v)
		val.Meets = val.Gap >= 0
	}
	val.Judged, val.NotJudged = judged(atLevel, dated)
	return val
}

// judged says whether a value is judged, and if not why.
func judged(atLevel, dated bool) (bool, string) {
	switch {
	case !atLevel:
		return false, NotAtLevel
	case !dated:
		return false, NoTarget
	}
	return true, ""
}

// aggregate turns a region's accumulated units into its value and its
// verdicts (pooled, urban, rural), following the indicator's roll-up rule
// (see RollupMethod) and the target the region is judged on in the period.
func (s *Snapshot) aggregate(ind *Indicator, reg *Region, a *accumulator, period int, atLevel bool) Value {
	pooled := a[0].plus(a[1])
	val := Value{Units: pooled.n, Value: ind.combine(pooled)}
	t, override, dated := s.TargetFor(ind, reg, period)
	val.Override = override
	val.Judged, val.NotJudged = judged(atLevel, dated)
	if ind.DataLevel == Community {
		val.Urban = ind.part(a[0], t, Urban, dated)
		val.Rural = ind.part(a[1], t, Rural, dated)
	}
	if !dated {
		return val
	}
	uw, rw := ind.weight(a[0]), ind.weight(a[1])
	val.Target = t.Blend(uw, rw)
	val.Split = ind.DataLevel == Community && !t.OneTarget()
	if !val.Split {
		val.Gap = val.Target.Gap(t.Comparator, val.Value)
		val.Meets = val.Gap >= 0
		return val
	}
	val.Meets, val.Gap = true, 0
	first := true
	for _, p := range []*Verdict{val.Urban, val.Rural} {
		if p == nil {
			continue
		}
		if first || p.Gap < val.Gap {
			val.Gap, first = p.Gap, false
		}
		val.Meets = val.Meets && p.Meets
	}
	return val
}

// part is the verdict on the units of one kind, or nil where there are none.
func (ind *Indicator) part(a sums, t Target, k Kind, dated bool) *Verdict {
	if a.n == 0 {
		return nil
	}
	p := &Verdict{Value: ind.combine(a), Units: a.n}
	if dated {
		p.Target = t.For(k)
		p.Gap = p.Target.Gap(t.Comparator, p.Value)
		p.Meets = p.Gap >= 0
	}
	return p
}

// combine is the roll-up rule's value of a set of units.
func (ind *Indicator) combine(a sums) float64 {
	switch ind.Rollup.Method {
	case ShareMeeting:
		return 100 * float64(a.meeting) / float64(a.n)
	case WeightedMean:
		if a.weight > 0 {
			return a.weighted / a.weight
		}
		return a.sum / float64(a.n)
	case Mean:
		return a.sum / float64(a.n)
	}
	return a.sum
}

// weight is what a kind's bound counts for in the blend: its population for
// rates over residents, its number of units otherwise.
func (ind *Indicator) weight(a sums) float64 {
	if ind.Rollup.Method == WeightedMean {
		return a.weight
	}
	return float64(a.n)
}

// Comparator returns the comparator that judges the indicator's values at a
// level: the share target's for ShareMeeting above the data level.
func (ind *Indicator) Comparator(l Level) Comparator {
	return ind.LevelTarget(l).Comparator
}

// UnitAt is the unit of the indicator's values at a level: a share of units
// meeting their target is a percentage whatever the data-level unit.
func (ind *Indicator) UnitAt(l Level) string {
	if ind.Rollup.Method == ShareMeeting && l.Depth() < ind.DataLevel.Depth() {
		return "%"
	}
	return ind.Unit
}

// markProvisional marks the values that rest on a submitted one; a
// published snapshot has none, and skips the walk.
func (s *Snapshot) markProvisional(r *Rollups) {
	if s.provisional == nil {
		return
	}
	for code, v := range r.values {
		if s.Provisional(r.Indicator.ID, code, r.Period) {
			v.Provisional = true
			r.values[code] = v
		}
	}
}
