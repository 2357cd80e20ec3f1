package importer_test

import (
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/importer"
)

func TestReadTargets(t *testing.T) {
	cat, idx := fixture(t)
	// An annex as offices keep it: a title line, Chinese headers, the
	// county by name in one row and by code in another, a share in %, one
	// column for both kinds, a range, and the year as a column.
	data := []byte("南通市2013年省级和谐社区创建指标分解表\n" +
		"区划代码,名称,指标,年度,城市社区,农村社区,目标\n" +
		",通州区,省和谐社区建设示范社区达标,2013,80%,70,\n" +
		"320612,,one_stop_service,2014,,,88\n" +
		"320612001001,,committee_members,2013,7-11,5~7,\n")
	cs, rep, err := importer.ReadTargets("附件1.csv", data, cat, idx, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cs.Kind != importer.Targets || len(cs.Targets) != 3 || rep.Rows != 3 {
		t.Fatalf("changeset %+v report %+v", cs, rep)
	}
	h, o, c := cs.Targets[0], cs.Targets[1], cs.Targets[2]
	if h.Indicator != "harmonious_community" || h.Region != "320612" || h.Period != 2013 || *h.Urban.Min != 80 || *h.Rural.Min != 70 || h.Urban.Max != nil {
		t.Errorf("harmonious quota %+v", h)
	}
	if o.Period != 2014 || *o.Urban.Min != 88 || *o.Rural.Min != 88 {
		t.Errorf("one target for both kinds %+v", o)
	}
	if *c.Urban.Min != 7 || *c.Urban.Max != 11 || *c.Rural.Min != 5 || *c.Rural.Max != 7 {
		t.Errorf("range %+v", c)
	}
	if rep.Columns["csv: urban"] != "城市社区" && len(rep.Columns) == 0 {
		t.Errorf("columns %v", rep.Columns)
	}
}

func TestReadTargetsProblems(t *testing.T) {
	cat, idx := fixture(t)
	data := []byte("code,indicator,period,urban,rural\n" +
		"999999,one_stop_service,2013,90,80\n" + // 2: unknown region
		"320612,no_such,2013,90,80\n" + // 3: unknown indicator
		"320612,one_stop_service,20x3,90,80\n" + // 4: bad year
		"320612,one_stop_service,2013,190,80\n" + // 5: a share over 100
		"320612001001,committee_members,2013,9,5-7\n" + // 6: a range without its ends
		"320612,interaction_pilot,2013,1,1\n" + // 7: fine (a county)
		"320612001,interaction_pilot,2013,1,1\n" + // 8: township below the target level
		"320612,one_stop_service,2013,90,\n" + // 9: no rural threshold
		"320612,interaction_pilot,2013,2,1\n") // 10: duplicate of row 7
	_, _, err := importer.ReadTargets("t.csv", data, cat, idx, importer.Options{})
	ps := problems(t, err)
	wantProblem(t, ps, 2, 0, "region", `unknown region code "999999"`)
	wantProblem(t, ps, 3, 0, "indicator", `unknown indicator "no_such"`)
	wantProblem(t, ps, 4, 0, "period", `period "20x3" is not a year`)
	wantProblem(t, ps, 5, 0, "urban", "190 is outside 0–100")
	wantProblem(t, ps, 6, 0, "urban", `"9" is not a range`)
	wantProblem(t, ps, 8, 0, "region", "judged from the county level up")
	wantProblem(t, ps, 9, 0, "target", "rural: no threshold")
	wantProblem(t, ps, 10, 0, "indicator", "duplicate of row 7")
	if len(ps) != 8 {
		t.Errorf("%d problems, want 8: %+v", len(ps), ps)
	}
	// A table without threshold columns says which it looks for.
	_, _, err = importer.ReadTargets("t.csv", []byte("code,indicator,period\n320612,one_stop_service,2013\n"), cat, idx, importer.Options{})
	wantProblem(t, problems(t, err), 0, 0, "", "no threshold columns")
	// --map names a column; --period gives the year.
	cs, _, err := importer.ReadTargets("t.csv", []byte("县,指标,要求\n通州区,mass_incidents,0\n"), cat, idx,
		importer.Options{Period: 2013, Map: map[string]string{"name": "县", "target": "要求"}})
	if err != nil || len(cs.Targets) != 1 || *cs.Targets[0].Urban.Max != 0 || cs.Targets[0].Urban.Min != nil || cs.Targets[0].Period != 2013 {
		t.Fatalf("mapped columns: %+v, %v", cs, err)
	}
}

func FuzzReadTargets(f *testing.F) {
	cat, idx := fixture(f)
	f.Add([]byte("区划代码,指标,年度,城市社区,农村社区\n320612,one_stop_service,2013,90,85\n"))
	f.Add([]byte("标题\n名称,指标,年度,目标\n通州区,省和谐社区建设示范社区达标,2013,75%\n"))
	f.Add([]byte("code,indicator,period,urban,rural\n320612001001,committee_members,2013,7-9,5~7\n"))
	f.Add([]byte("code,indicator,period,target\n320612,mass_incidents,2014,0\n320612,mass_incidents,2014,1\n"))
	f.Add([]byte("code,indicator,period,urban,rural\n320612,registered_volunteers,2013,NaN,1e309\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		cs, _, err := importer.ReadTargets("fuzz.csv", data, cat, idx, importer.Options{})
		checkResult(t, cs, err)
		if err != nil {
			return
		}
		for _, o := range cs.Targets {
			ind, ok := cat.Indicator(o.Indicator)
			reg, known := idx.Region(o.Region)
			if !ok || !known || reg.Level.Depth() > ind.DataLevel.Depth() {
				t.Fatalf("accepted a target for an unknown indicator or region %+v", o)
			}
			cmp := ind.Comparator(reg.Level)
			for _, b := range []analytics.Bound{o.Urban, o.Rural} {
				if (b.Min == nil) != (cmp == analytics.AtMost) || (b.Max == nil) != (cmp == analytics.AtLeast) {
					t.Fatalf("bound %+v does not fit comparator %s: %+v", b, cmp, o)
				}
			}
		}
	})
}
