package analytics

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
)

// Comparator says how a value is judged against a threshold.
type Comparator string

// The comparators of the seed document's targets.
const (
	AtLeast Comparator = "ge"    // value ≥ min
	AtMost  Comparator = "le"    // value ≤ max
	Between Comparator = "range" // min ≤ value ≤ max
)

// Bound is a threshold: Min for ≥, Max for ≤, both for a range.
type Bound struct {
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
}

// Target is a requirement with one bound for urban and one for rural
// communities.
type Target struct {
	Comparator Comparator `json:"comparator"`
	Urban      Bound      `json:"urban"`
	Rural      Bound      `json:"rural"`
}

// RollupMethod says how data-level values combine into a value for a region
// higher up the hierarchy.
type RollupMethod string

// The roll-up methods; see Rollup.
const (
	// ShareMeeting: the percentage of data-level units (communities, say)
	// under the region that meet their own target. Suits yes/no requirements
	// ("every community has …") and per-community minimums.
	ShareMeeting RollupMethod = "share_meeting"
	// WeightedMean: the population-weighted mean, for rates over residents.
	WeightedMean RollupMethod = "weighted_mean"
	// Mean: the plain mean over units, for rates over committees or staff.
	Mean RollupMethod = "mean"
	// Sum: the total, for counts that must stay under (or reach) a number.
	Sum RollupMethod = "sum"
)

// Rollup is an indicator's roll-up rule. Target is the requirement on the
// rolled-up percentage for ShareMeeting (e.g. "≥95% of urban communities");
// the other methods judge rolled-up values against the indicator's own target.
type Rollup struct {
	Method RollupMethod `json:"method"`
	Target *Target      `json:"target,omitempty"`
}

// Text is a name in Chinese and English.
type Text struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// Indicator is one quantitative target of the seed document.
type Indicator struct {
	ID          string       `json:"id"`
	Task        int          `json:"task"`
	Group       int          `json:"group"`
	Name        Text         `json:"name"`
	Unit        string       `json:"unit"`
	DataLevel   Level        `json:"data_level"`             // level at which values are observed
	TargetLevel Level        `json:"target_level,omitempty"` // lowest level judged; default DataLevel
	ValidRange  [2]float64   `json:"valid_range"`
	Computed    *Computation `json:"computed,omitempty"` // the analysis that derives it, if any
	// Aliases are former ids whose values import into this indicator (see
	// Alias); an id can be retired without breaking the files that carry it.
	Aliases []Alias `json:"aliases,omitempty"`
	Note    string  `json:"note,omitempty"`
	Target  Target  `json:"target"`
	Rollup  Rollup  `json:"rollup"`
	// Applies dates the target: the periods it is judged in. A period
	// outside them is not judged (unless a region's override covers it).
	Applies     *Applies `json:"applies"`
	Departments []string `json:"departments"`
}

// Computation says which analysis of the geometry derives an indicator and
// how far a reported value may stray from the derived one before the two
// are flagged as disagreeing (see Snapshot.Agreement).
type Computation struct {
	// By names the analysis: one of Analyses.
	By string `json:"by"`
	// Tolerance is the largest |reported − computed| at the data level, in
	// the indicator's unit, that still agrees: 0 for yes/no and counts.
	Tolerance float64 `json:"tolerance"`
	// The floor-area standard (by floor_area) of the data level's service
	// centre: at least MinM2, and M2Per100Households for every hundred
	// households where that is more.
	MinM2              float64 `json:"min_m2,omitempty"`
	M2Per100Households float64 `json:"m2_per_100_households,omitempty"`
}

// The analyses that derive indicators; the server's deriver implements each.
var Analyses = []string{"health_circle", "grid_coverage", "floor_area", "police_posts"}

// Alias is a former indicator id and the unit its values came in; the
// importer converts them into the indicator's unit.
type Alias struct {
	ID   string `json:"id"`
	Unit string `json:"unit"`
}

// Catalogue is the validated set of indicators and the departments
// responsible for them.
type Catalogue struct {
	Source      string          `json:"source"`
	Departments map[string]Text `json:"departments"`
	Indicators  []Indicator     `json:"indicators"`
	// Checklist holds the notice's qualitative requirements; it is kept in
	// a file of its own (ParseChecklist) and served at its own address.
	Checklist *Checklist `json:"-"`
	byID      map[string]int
	alias     map[string]aliasOf
}

type aliasOf struct {
	indicator int
	unit      string
}

// ParseCatalogue reads and validates a catalogue in the JSON form of
// seeds/indicators.json.
func ParseCatalogue(data []byte) (*Catalogue, error) {
	var c Catalogue
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Indicator returns the indicator with the given id.
func (c *Catalogue) Indicator(id string) (*Indicator, bool) {
	i, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	return &c.Indicators[i], true
}

// Alias returns the indicator a former id now names, and the unit values
// under the old id are in.
func (c *Catalogue) Alias(id string) (*Indicator, string, bool) {
	a, ok := c.alias[id]
	if !ok {
		return nil, "", false
	}
	return &c.Indicators[a.indicator], a.unit, true
}

// Tasks lists the task numbers that have indicators, ascending.
func (c *Catalogue) Tasks() []int {
	seen := map[int]bool{}
	var out []int
	for _, ind := range c.Indicators {
		if !seen[ind.Task] {
			seen[ind.Task] = true
			out = append(out, ind.Task)
		}
	}
	sort.Ints(out)
	return out
}

func (c *Catalogue) validate() error {
	c.byID = make(map[string]int, len(c.Indicators))
	for i := range c.Indicators {
		ind := &c.Indicators[i]
		if err := c.validateIndicator(ind); err != nil {
			return fmt.Errorf("catalogue: indicator %d (%q): %w", i+1, ind.ID, err)
		}
		if _, dup := c.byID[ind.ID]; dup {
			return fmt.Errorf("catalogue: indicator %d: duplicate id %q", i+1, ind.ID)
		}
		c.byID[ind.ID] = i
	}
	return c.indexAliases()
}

func (c *Catalogue) indexAliases() error {
	c.alias = map[string]aliasOf{}
	for i, ind := range c.Indicators {
		for _, a := range ind.Aliases {
			if _, clash := c.byID[a.ID]; clash {
				return fmt.Errorf("catalogue: indicator %q: alias %q is an indicator's id", ind.ID, a.ID)
			}
			if _, dup := c.alias[a.ID]; dup || a.ID == "" {
				return fmt.Errorf("catalogue: indicator %q: alias %q is empty or given twice", ind.ID, a.ID)
			}
			c.alias[a.ID] = aliasOf{i, a.Unit}
		}
	}
	return nil
}

func (c *Catalogue) validateIndicator(ind *Indicator) error {
	switch {
	case ind.ID == "":
		return fmt.Errorf("id is empty")
	case ind.Task < 1 || ind.Task > 22:
		return fmt.Errorf("task %d is not one of the notice's 22 tasks", ind.Task)
	case ind.Name.ZH == "" || ind.Name.EN == "":
		return fmt.Errorf("name needs both zh and en")
	case !ind.DataLevel.Valid() || ind.DataLevel == City:
		return fmt.Errorf("data_level %q is not county, township or community", ind.DataLevel)
	case ind.ValidRange[0] > ind.ValidRange[1]:
		return fmt.Errorf("valid_range [%g, %g] is empty", ind.ValidRange[0], ind.ValidRange[1])
	case len(ind.Departments) == 0:
		return fmt.Errorf("no responsible department")
	case ind.Applies == nil:
		return fmt.Errorf("applies is missing: every target is dated (the periods it holds for)")
	}
	if err := ind.Applies.validate(); err != nil {
		return err
	}
	if ind.TargetLevel == "" {
		ind.TargetLevel = ind.DataLevel
	}
	if !ind.TargetLevel.Valid() || ind.TargetLevel.Depth() > ind.DataLevel.Depth() {
		return fmt.Errorf("target_level %q must be the data level or above it", ind.TargetLevel)
	}
	for _, d := range ind.Departments {
		if _, ok := c.Departments[d]; !ok {
			return fmt.Errorf("department %q is not in the departments table", d)
		}
	}
	if c := ind.Computed; c != nil && (!slices.Contains(Analyses, c.By) || c.Tolerance < 0 || c.MinM2 < 0 || c.M2Per100Households < 0) {
		return fmt.Errorf("computed: by %q is not one of %v, or the tolerance or a floor area is negative", c.By, Analyses)
	}
	if err := ind.Target.validate(); err != nil {
		return fmt.Errorf("target: %w", err)
	}
	return ind.Rollup.validate()
}

func (r Rollup) validate() error {
	switch r.Method {
	case ShareMeeting:
		if r.Target == nil {
			return fmt.Errorf("rollup share_meeting needs a target for the share")
		}
		if err := r.Target.validate(); err != nil {
			return fmt.Errorf("rollup target: %w", err)
		}
	case WeightedMean, Mean, Sum:
		if r.Target != nil {
			return fmt.Errorf("rollup %s takes no target of its own", r.Method)
		}
	default:
		return fmt.Errorf("rollup method %q is not share_meeting, weighted_mean, mean or sum", r.Method)
	}
	return nil
}

func (t Target) validate() error {
	for _, b := range []struct {
		kind  string
		bound Bound
	}{{"urban", t.Urban}, {"rural", t.Rural}} {
		if err := b.bound.validate(t.Comparator); err != nil {
			return fmt.Errorf("%s: %w", b.kind, err)
		}
	}
	return nil
}

func (b Bound) validate(c Comparator) error {
	switch c {
	case AtLeast:
		if b.Min == nil || b.Max != nil {
			return fmt.Errorf("comparator ge takes min only")
		}
	case AtMost:
		if b.Max == nil || b.Min != nil {
			return fmt.Errorf("comparator le takes max only")
		}
	case Between:
		if b.Min == nil || b.Max == nil || *b.Min > *b.Max {
			return fmt.Errorf("comparator range takes min ≤ max")
		}
	default:
		return fmt.Errorf("comparator %q is not ge, le or range", c)
	}
	return nil
}

// For returns the bound for a community of kind k. Units without a kind
// (townships, counties) take the urban bound; the catalogue gives them equal
// bounds anyway.
func (t Target) For(k Kind) Bound {
	if k == Rural {
		return t.Rural
	}
	return t.Urban
}

// Blend mixes the urban and rural bounds by weights (counts of communities or
// population of each kind): the target of a region that holds both kinds.
func (t Target) Blend(urbanWeight, ruralWeight float64) Bound {
	total := urbanWeight + ruralWeight
	if total <= 0 {
		return t.Urban
	}
	mix := func(u, r *float64) *float64 {
		if u == nil || r == nil {
			return nil
		}
		v := (*u*urbanWeight + *r*ruralWeight) / total
		return &v
	}
	return Bound{Min: mix(t.Urban.Min, t.Rural.Min), Max: mix(t.Urban.Max, t.Rural.Max)}
}

// Meets reports whether v satisfies the bound under comparator c.
func (b Bound) Meets(c Comparator, v float64) bool {
	return b.Gap(c, v) >= 0
}

// Gap is how far v lies inside the bound: for ≥ it is v − min, for ≤ max − v,
// for a range the distance to the nearer end (negative outside). A gap ≥ 0
// means the target is met; a negative gap is the shortfall.
func (b Bound) Gap(c Comparator, v float64) float64 {
	switch c {
	case AtLeast:
		return v - *b.Min
	case AtMost:
		return *b.Max - v
	default:
		return math.Min(v-*b.Min, *b.Max-v)
	}
}
