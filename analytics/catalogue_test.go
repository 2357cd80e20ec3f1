package analytics_test

import (
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
)

func TestSeedCatalogueIsValid(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cat.Indicators); n < 25 {
		t.Errorf("catalogue has %d indicators, want at least 25 (every quantitative target of tasks 1-19)", n)
	}
	// Every task of the notice with a quantitative target has an indicator;
	// task 12 is qualitative.
	have := map[int]bool{}
	for _, task := range cat.Tasks() {
		have[task] = true
	}
	for task := 1; task <= 19; task++ {
		if task != 12 && !have[task] {
			t.Errorf("task %d has no indicator", task)
		}
	}
	ind, ok := cat.Indicator("registered_volunteers")
	if !ok {
		t.Fatal("registered_volunteers missing")
	}
	if *ind.Target.Urban.Min != 8 || *ind.Target.Rural.Min != 5 {
		t.Errorf("volunteer targets = %v/%v, want 8/5 (task 6)", *ind.Target.Urban.Min, *ind.Target.Rural.Min)
	}
}

func TestParseCatalogueRejects(t *testing.T) {
	base := `{"source":"s","departments":{"d":{"zh":"部","en":"D"}},"indicators":[%s]}`
	good := `{"id":"x","task":1,"group":1,"name":{"zh":"甲","en":"X"},"unit":"%%","data_level":"community","valid_range":[0,100],"target":{"comparator":"ge","urban":{"min":1},"rural":{"min":1}},"rollup":{"method":"mean"},"departments":["d"],"applies":{"from":2013,"to":2013,"deadline":"year","wording":"年内"}}`
	cases := map[string]struct{ ind, want string }{
		"unknown department": {strings.Replace(good, `["d"]`, `["nope"]`, 1), `department "nope"`},
		"ge with max":        {strings.Replace(good, `"urban":{"min":1}`, `"urban":{"max":1}`, 1), "urban: comparator ge takes min only"},
		"bad rollup":         {strings.Replace(good, `"mean"`, `"median"`, 1), `rollup method "median"`},
		"share no target":    {strings.Replace(good, `"mean"`, `"share_meeting"`, 1), "needs a target"},
		"bad level":          {strings.Replace(good, `"community"`, `"city"`, 1), `data_level "city"`},
		"task 23":            {strings.Replace(good, `"task":1`, `"task":23`, 1), "task 23"},
		"undated":            {strings.Replace(good, `,"applies":{"from":2013,"to":2013,"deadline":"year","wording":"年内"}`, ``, 1), "applies is missing"},
		"bad deadline":       {strings.Replace(good, `"deadline":"year"`, `"deadline":"quarter"`, 1), `deadline "quarter"`},
		"to before from":     {strings.Replace(good, `"to":2013`, `"to":2012`, 1), "before applies.from"},
		"unknown field":      {strings.Replace(good, `"group":1`, `"group":1,"colour":"red"`, 1), "unknown field"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := analytics.ParseCatalogue([]byte(strings.Replace(base, "%s", c.ind, 1)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
	if _, err := analytics.ParseCatalogue([]byte(strings.Replace(strings.Replace(base, "%s", good, 1), "%%", "%", 1))); err != nil {
		t.Fatalf("good catalogue rejected: %v", err)
	}
}

func TestBoundGap(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		b    analytics.Bound
		c    analytics.Comparator
		v    float64
		gap  float64
		meet bool
	}{
		{analytics.Bound{Min: f(90)}, analytics.AtLeast, 85, -5, false},
		{analytics.Bound{Min: f(90)}, analytics.AtLeast, 90, 0, true},
		{analytics.Bound{Max: f(0)}, analytics.AtMost, 2, -2, false},
		{analytics.Bound{Min: f(7), Max: f(9)}, analytics.Between, 8, 1, true},
		{analytics.Bound{Min: f(7), Max: f(9)}, analytics.Between, 11, -2, false},
		{analytics.Bound{Min: f(7), Max: f(9)}, analytics.Between, 6, -1, false},
	}
	for _, c := range cases {
		if g := c.b.Gap(c.c, c.v); g != c.gap || c.b.Meets(c.c, c.v) != c.meet {
			t.Errorf("%s %v on %g: gap %g meets %v, want %g %v", c.c, c.b, c.v, g, c.b.Meets(c.c, c.v), c.gap, c.meet)
		}
	}
}
