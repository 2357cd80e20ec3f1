package analytics_test

import (
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
)

func TestSeedChecklist(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	ck, err := analytics.ParseChecklist(seeds.ChecklistJSON, cat)
	if err != nil {
		t.Fatal(err)
	}
	// Tasks 12 and 20–22 have no indicator: the checklist is all they have.
	indTasks := cat.Tasks()
	for _, task := range []int{12, 20, 21, 22} {
		for _, it := range indTasks {
			if it == task {
				t.Errorf("task %d has an indicator; the notice gives it no number", task)
			}
		}
	}
	tasks := ck.Tasks()
	if len(tasks) != 22 {
		t.Errorf("checklist covers tasks %v, want every one of the 22 (each has a requirement that is not a number)", tasks)
	}
	for _, d := range []string{"agriculture", "development", "supervision"} {
		found := false
		for _, it := range ck.Items {
			found = found || strings.Contains(strings.Join(it.Departments, ","), d)
		}
		if !found {
			t.Errorf("no item names department %s", d)
		}
	}
	if it, ok := ck.Item("t20_coordination_body"); !ok || it.Level != analytics.County || it.Text.ZH != "建立城乡社区建设协调机构" {
		t.Errorf("t20_coordination_body = %+v, %v", it, ok)
	}
}

func TestParseChecklistRefuses(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	// every task but 12 and 20–22 has an indicator: these four items cover the rest.
	rest := `{"id":"x12","task":12,"level":"county","text":{"zh":"甲","en":"a"},"departments":["rural"]},
	{"id":"x20","task":20,"level":"county","text":{"zh":"甲","en":"a"},"departments":["county_gov"]},
	{"id":"x21","task":21,"level":"county","text":{"zh":"甲","en":"a"},"departments":["finance"]},
	{"id":"x22","task":22,"level":"county","text":{"zh":"甲","en":"a"},"departments":["supervision"]}`
	if _, err := analytics.ParseChecklist([]byte(`{"source":"s","items":[`+rest+`]}`), cat); err != nil {
		t.Fatalf("a valid checklist: %v", err)
	}
	for name, tc := range map[string]struct{ item, want string }{
		"unknown department": {`{"id":"a","task":1,"level":"community","text":{"zh":"甲","en":"a"},"departments":["nobody"]}`, `item 5 ("a"): department "nobody"`},
		"city level":         {`{"id":"a","task":1,"level":"city","text":{"zh":"甲","en":"a"},"departments":["civil"]}`, `level "city"`},
		"task 0":             {`{"id":"a","task":0,"level":"county","text":{"zh":"甲","en":"a"},"departments":["civil"]}`, "task 0"},
		"a task skipped":     {`{"id":"a","task":24,"level":"county","text":{"zh":"甲","en":"a"},"departments":["civil"]}`, "task 23 has neither"},
		"no english":         {`{"id":"a","task":2,"level":"county","text":{"zh":"甲"},"departments":["civil"]}`, "zh and en"},
		"indicator id":       {`{"id":"one_stop_service","task":1,"level":"county","text":{"zh":"甲","en":"a"},"departments":["civil"]}`, "indicator's"},
		"duplicate":          {`{"id":"x12","task":12,"level":"county","text":{"zh":"甲","en":"a"},"departments":["civil"]}`, `duplicate id "x12"`},
		"unknown field":      {`{"id":"a","task":1,"level":"county","text":{"zh":"甲","en":"a"},"departments":["civil"],"due":1}`, `unknown field "due"`},
	} {
		_, err := analytics.ParseChecklist([]byte(`{"source":"s","items":[`+rest+`,`+tc.item+`]}`), cat)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming %s", name, err, tc.want)
		}
	}
	_, err = analytics.ParseChecklist([]byte(`{"source":"s","items":[]}`), cat)
	if err == nil || !strings.Contains(err.Error(), "task 12 has neither") {
		t.Errorf("no items: error %v, want task 12 named", err)
	}
}

// FuzzParseChecklist: a checklist parses into items that each name a task,
// a reporting level and known departments, or fails with an error naming
// the checklist; it never panics.
func FuzzParseChecklist(f *testing.F) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seeds.ChecklistJSON)
	f.Add([]byte(`{"source":"s","items":[{"id":"a","task":12,"level":"county","text":{"zh":"甲","en":"a"},"departments":["rural"]}]}`))
	f.Add([]byte(`{"items":[{"id":"a","task":0}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		ck, err := analytics.ParseChecklist(data, cat)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "checklist: ") {
				t.Fatalf("error %q does not name the checklist", err)
			}
			return
		}
		for _, it := range ck.Items {
			if it.Task < 1 || it.Task > 22 || it.Level.Depth() < analytics.County.Depth() || len(it.Departments) == 0 {
				t.Fatalf("accepted item %+v", it)
			}
			if got, ok := ck.Item(it.ID); !ok || got.ID != it.ID {
				t.Fatalf("item %q not found by id", it.ID)
			}
		}
	})
}
