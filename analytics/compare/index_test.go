package compare_test

import (
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
)

func TestIndex(t *testing.T) {
	s := fixture(t)
	sc := compare.NewScorecard(s, counties(s), 2013)
	// A, judged urban and rural apart where their bounds differ, scores the
	// lower kind: one-stop min(100/85 → 1, 0/80 → 0) = 0, volunteers
	// min(10/8 → 1, 4/5) = 0.8; elderly 1, incidents 1.
	// B: one-stop 1, elderly 1, incidents 1/(1+2), volunteers 1.
	// C: incidents 1 only; tasks without data drop out of its mean.
	a := 100 * (0 + 0.8 + 2) / 4
	b := 100 * (3 + 1.0/3) / 4
	cases := map[string]struct {
		weights string
		index   map[string]float64
		rank    map[string]int
	}{
		"equal":     {"", map[string]float64{"320612": a, "320623": b, "320681": 100}, map[string]int{"320681": 1, "320623": 2, "320612": 3}},
		"task 1":    {"*:0,1:1", map[string]float64{"320612": 0, "320623": 100}, map[string]int{"320623": 1, "320612": 2}},
		"task 4 ×3": {"4:3", map[string]float64{"320612": 100 * (0 + 0.8 + 1 + 3) / 6, "320623": 100.0 * (3 + 1) / 6}, nil},
	}
	for name, tc := range cases {
		w, err := compare.ParseWeights(tc.weights)
		if err != nil {
			t.Fatal(err)
		}
		rows := compare.Index(sc, w)
		for _, r := range rows {
			want, ok := tc.index[r.Code]
			if !ok {
				if name == "task 1" && r.Index != nil {
					t.Errorf("%s: %s has no task-1 data but index %v", name, r.Code, *r.Index)
				}
				continue
			}
			if r.Index == nil || math.Abs(*r.Index-want) > 1e-9 {
				t.Errorf("%s: %s index %v, want %v", name, r.Code, deref(r.Index), want)
			}
			if rank, ok := tc.rank[r.Code]; ok && (r.Rank == nil || *r.Rank != rank) {
				t.Errorf("%s: %s rank %v, want %d", name, r.Code, r.Rank, rank)
			}
		}
	}
}

func TestScore(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	ge := compare.Target{Comparator: analytics.AtLeast, Min: f(80)}
	le0 := compare.Target{Comparator: analytics.AtMost, Max: f(0)}
	le5 := compare.Target{Comparator: analytics.AtMost, Max: f(5)}
	rng := compare.Target{Comparator: analytics.Between, Min: f(5), Max: f(7)}
	cases := []struct {
		t    compare.Target
		v    float64
		want float64
	}{
		{ge, 100, 1}, {ge, 80, 1}, {ge, 40, 0.5}, {ge, -10, 0},
		{le0, 0, 1}, {le0, 1, 0.5}, {le0, 3, 0.25},
		{le5, 4, 1}, {le5, 10, 0.5},
		{rng, 6, 1}, {rng, 4, 0.8}, {rng, 14, 0.5},
	}
	for _, c := range cases {
		if got := compare.Score(c.t, c.v); !near(got, c.want) {
			t.Errorf("Score(%s, %v) = %v, want %v", c.t.Comparator, c.v, got, c.want)
		}
	}
}

func TestParseWeights(t *testing.T) {
	w, err := compare.ParseWeights(" 2:2, 13:1.5 ,*:0.5")
	if err != nil {
		t.Fatal(err)
	}
	if w.Of(2) != 2 || w.Of(13) != 1.5 || w.Of(1) != 0.5 {
		t.Errorf("weights %+v", w)
	}
	for in, msg := range map[string]string{
		"2":       `item 1 "2" is not task:weight`,
		"2:x":     `item 1: weight "x" is not a number ≥ 0`,
		"2:-1":    `item 1: weight "-1" is not a number ≥ 0`,
		"2:NaN":   `weight "NaN" is not a number`,
		"23:1":    `item 1: task "23" is not one of the notice's tasks 1–22 or *`,
		"2:1,2:3": `item 2: task 2 is given twice`,
	} {
		if _, err := compare.ParseWeights(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseWeights(%q) = %v, want %q", in, err, msg)
		}
	}
}

func FuzzParseWeights(f *testing.F) {
	for _, s := range []string{"", "1:1", "*:0,2:1,13:1", "2:1e308", "1:1,1:2", ":", ",,", "3:-0", "22:0.5 , 4 : 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<12 {
			return
		}
		w, err := compare.ParseWeights(s)
		if err != nil {
			return
		}
		for task := 0; task <= 23; task++ {
			if v := w.Of(task); v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("%q gives task %d weight %v", s, task, v)
			}
		}
	})
}
