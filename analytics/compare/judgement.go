package compare

import "github.com/community-atlas/atlas/analytics"

// Verdicts as every surface names them.
const (
	Met       = "met"
	Unmet     = "unmet"
	NotJudged = "not_judged"
)

// Judgement is a region's standing on an indicator as the API, charts and
// exports show it: the overall verdict and, above the data level of a
// per-community indicator, the urban and the rural verdict on their own
// communities. It only presents analytics.Value, where the verdicts are
// made. Pointers are nil where there is nothing to say.
type Judgement struct {
	// Target is the region's own (override) or the catalogue's, blended by
	// its urban/rural make-up above the data level; nil where no target is
	// dated for the period.
	Target *Target `json:"target"`
	// Meets and Gap are the overall verdict: with Split, both kinds must
	// meet and Gap is the worse kind's.
	Meets *bool    `json:"meets"`
	Gap   *float64 `json:"gap"`
	// Verdict is met, unmet or not_judged ("" without a value); NotJudged
	// says why: "level" (the target applies higher up) or "period" (no
	// target for that year).
	Verdict   string `json:"verdict"`
	NotJudged string `json:"not_judged,omitempty"`
	Split     bool   `json:"split"`
	Override  bool   `json:"override,omitempty"`
	Urban     *Part  `json:"urban"`
	Rural     *Part  `json:"rural"`
	// Provisional marks a value that rests on a submitted one, not yet
	// approved (?values=provisional): the verdict is provisional too.
	Provisional bool `json:"provisional,omitempty"`
}

// Part is the verdict on one kind of community within a region.
type Part struct {
	Value   *float64 `json:"value"`
	Units   int      `json:"units"`
	Target  *Target  `json:"target"`
	Meets   *bool    `json:"meets"`
	Gap     *float64 `json:"gap"`
	Verdict string   `json:"verdict"`
}

// Judge presents v, the value of ind for a region at level l.
func Judge(ind *analytics.Indicator, l analytics.Level, v analytics.Value) Judgement {
	cmp := ind.Comparator(l)
	j := Judgement{Verdict: NotJudged, NotJudged: v.NotJudged, Split: v.Split, Override: v.Override,
		Target: target(cmp, v.Target), Provisional: v.Provisional}
	if v.Judged {
		j.Meets, j.Gap, j.Verdict = ptr(v.Meets), num(v.Gap), verdictOf(v.Meets)
	}
	j.Urban, j.Rural = part(cmp, v.Urban, v.Judged), part(cmp, v.Rural, v.Judged)
	return j
}

func part(cmp analytics.Comparator, p *analytics.Verdict, judged bool) *Part {
	if p == nil {
		return nil
	}
	out := &Part{Value: num(p.Value), Units: p.Units, Target: target(cmp, p.Target), Verdict: NotJudged}
	if judged {
		out.Meets, out.Gap, out.Verdict = ptr(p.Meets), num(p.Gap), verdictOf(p.Meets)
	}
	return out
}

// target is nil for the zero bound: no target dated for the period.
func target(cmp analytics.Comparator, b analytics.Bound) *Target {
	if b.Min == nil && b.Max == nil {
		return nil
	}
	return &Target{Comparator: cmp, Min: numPtr(b.Min), Max: numPtr(b.Max)}
}

func verdictOf(meets bool) string {
	if meets {
		return Met
	}
	return Unmet
}

// Scored is a judged cell's score (see Score): the lower of the urban and
// rural scores where they are judged apart, since the region meets only if
// both do. ok is false for a cell that is not judged. The index, the heatmap
// and the radar all score through it.
func (c Cell) Scored() (float64, bool) {
	j := c.Judgement
	if j.Meets == nil || c.Value == nil {
		return 0, false
	}
	if !j.Split {
		return Score(*j.Target, *c.Value), true
	}
	score := 1.0
	for _, p := range []*Part{j.Urban, j.Rural} {
		if p != nil && p.Target != nil {
			score = min(score, Score(*p.Target, *p.Value))
		}
	}
	return score, true
}
