package server_test

import (
	"testing"
)

// TestImportTargets: a quota table imports through POST
// /api/v1/imports/targets (dry run first, which writes nothing), and the
// verdicts take it: a year without a target in the notice becomes judged
// for the region it names, on its bounds.
func TestImportTargets(t *testing.T) {
	s := newServer(t, fixture())
	file := []byte("指标分解表\n名称,指标,年度,城市社区,农村社区\n通州区,注册志愿者占居民比例,2014,10,4\n通州区,registered_volunteers,2013,8,4\n")
	var res struct {
		DryRun bool `json:"dry_run"`
		Counts map[string]int
	}
	var l struct{ Items []observation }
	s.uploadForm(t, "targets", "附件.csv", file, map[string]string{"dry_run": "true"}, 200, &res)
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&period=2014", 200, &l)
	if !res.DryRun || res.Counts["targets"] != 2 || l.Items[0].Verdict != "not_judged" {
		t.Fatalf("dry run %+v; then 2014 %+v", res, l.Items[0])
	}
	res.DryRun = false
	s.upload(t, "targets", "附件.csv", file, 201, &res)
	if res.Counts["targets"] != 2 {
		t.Fatalf("import %+v", res)
	}
	// 2014: only the urban community (11%) has a value: 11 ≥ its 10.
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&period=2014", 200, &l)
	if o := l.Items[0]; o.Code != "320612" || o.Verdict != "met" || *o.Target.Min != 10 || *o.Gap != 1 || o.Urban == nil || o.Rural != nil {
		t.Errorf("2014 with the county's quota: %+v", o)
	}
	// 2013: urban 10 ≥ 8, and rural 4 now meets the county's own 4.
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&period=2013", 200, &l)
	if o := l.Items[0]; o.Verdict != "met" || !o.Split || *o.Rural.Target.Min != 4 || *o.Rural.Gap != 0 {
		t.Errorf("2013 with the county's quota: %+v rural %+v", o, o.Rural)
	}
	// The township has no quota of its own: the catalogue's bounds.
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&level=township&period=2013", 200, &l)
	if o := l.Items[0]; o.Verdict != "unmet" || *o.Rural.Target.Min != 5 {
		t.Errorf("township 2013: %+v", o)
	}
	var p problem
	s.upload(t, "targets", "bad.csv", []byte("code,indicator,period,target\n320612,registered_volunteers,2013,101\n"), 422, &p)
}
