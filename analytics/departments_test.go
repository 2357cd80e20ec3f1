package analytics_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
)

// responsible is each task's 责任单位 line as the notice prints it.
var responsible = map[int]string{
	1:  "各县(市)、区人民政府(管委会)",
	2:  "市卫生局",
	3:  "市文广新局、体育局、教育局、财政局",
	4:  "市综治办、公安局、卫生局、司法局",
	5:  "市委组织部，市人社局",
	6:  "市委组织部、文明办，市民政局、人社局、团市委，各县(市)、区人民政府(管委会)",
	7:  "各县(市)、区人民政府(管委会)",
	8:  "市委组织部，市民政局、人社局，各县(市)、区人民政府(管委会)",
	9:  "各县(市)、区人民政府(管委会)",
	10: "市民政局，各县(市)、区人民政府(管委会)",
	11: "市委组织部、综治办，市民政局，各县(市)、区人民政府(管委会)",
	12: "市农办、农委、发改委、文广新局、体育局、教育局，各县(市)、区人民政府(管委会)",
	13: "市委组织部、政法委、综治办，市民政局，各县(市)、区人民政府(管委会)",
	14: "市民政局、财政局，各县(市)、区人民政府(管委会)",
	15: "市城乡建设局、规划局、国土局、体育局、财政局，各县(市)、区人民政府(管委会)",
	16: "市经信委、民政局、财政局，各县(市)、区人民政府(管委会)",
	17: "市委组织部、民政局，各县(市)、区人民政府(管委会)",
	18: "市纪委、组织部、机关工委、农办、民政局，各县(市)、区人民政府(管委会)",
	19: "市委政法委、法制办、民政局，各县(市)、区人民政府(管委会)",
	20: "各县(市)、区人民政府(管委会)",
	21: "市财政局，各县(市)、区人民政府(管委会)",
	22: "市纪委、监察局、民政局，各县(市)、区人民政府(管委会)",
}

// units splits a 责任单位 line into its units, each as the catalogue's
// departments table would name it without the 市/市委 prefix the notice
// states once per run ("市委组织部、文明办" is 市委组织部 and 市文明办).
func units(line string) []string {
	const counties = "各县(市)、区人民政府(管委会)"
	var out []string
	if strings.Contains(line, counties) {
		out = append(out, counties)
		line = strings.ReplaceAll(line, counties, "")
	}
	for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == '、' || r == '，' }) {
		out = append(out, bare(part))
	}
	slices.Sort(out)
	return out
}

func bare(name string) string {
	if name == "各县(市)、区人民政府(管委会)" {
		return name
	}
	return strings.TrimPrefix(strings.TrimPrefix(name, "市委"), "市")
}

// TestDepartmentsAsTheNotice: every unit the notice names is in the
// departments table, and every indicator of a task names exactly the units
// of its task's 责任单位.
func TestDepartmentsAsTheNotice(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	for id, d := range cat.Departments {
		byName[bare(d.ZH)] = id
	}
	for task, line := range responsible {
		for _, u := range units(line) {
			if _, ok := byName[u]; !ok {
				t.Errorf("task %d: %s has no department", task, u)
			}
		}
	}
	for _, ind := range cat.Indicators {
		var got []string
		for _, d := range ind.Departments {
			got = append(got, bare(cat.Departments[d].ZH))
		}
		slices.Sort(got)
		if want := units(responsible[ind.Task]); !slices.Equal(got, want) {
			t.Errorf("%s (task %d): departments %v, the notice names %v", ind.ID, ind.Task, got, want)
		}
	}
	for id, zh := range map[string]string{"agriculture": "市农委", "development": "市发改委", "supervision": "市监察局"} {
		if cat.Departments[id].ZH != zh {
			t.Errorf("department %s = %+v, want %s", id, cat.Departments[id], zh)
		}
	}
}
