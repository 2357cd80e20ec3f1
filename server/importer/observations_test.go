package importer_test

import (
	"testing"

	"github.com/community-atlas/atlas/server/importer"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestReadObservations(t *testing.T) {
	cat, idx := fixture(t)
	csv := "\xef\xbb\xbfIndicator, Region ,period,value,name\n" +
		"registered_volunteers,320612001001,2013,8.5,甲社区居委会\n" +
		"one_stop_service,320612001201,2013,1,乙村委会\n" +
		"\n" +
		"interaction_pilot,320612001,2014,1,金沙街道\n"
	cs, err := importer.ReadObservations("obs.csv", []byte(csv), cat, idx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.Observations) != 3 {
		t.Fatalf("got %d observations, want 3", len(cs.Observations))
	}
	o := cs.Observations[2]
	if o.Indicator != "interaction_pilot" || o.Region != "320612001" || o.Period != 2014 || o.Value != 1 {
		t.Errorf("third observation = %+v", o)
	}
}

func TestReadObservationsGBK(t *testing.T) {
	cat, idx := fixture(t)
	text := "indicator,region,period,value,备注\nregistered_volunteers,320612001001,2013,9,甲社区居委会志愿者\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := importer.ReadObservations("gbk.csv", []byte(gbk), cat, idx)
	if err != nil {
		t.Fatalf("GBK file rejected: %v", err)
	}
	if len(cs.Observations) != 1 || cs.Observations[0].Value != 9 {
		t.Errorf("observations = %+v", cs.Observations)
	}
}

func TestReadObservationsReportsEveryProblem(t *testing.T) {
	cat, idx := fixture(t)
	csv := "indicator,region,period,value\n" +
		"no_such_thing,320612001001,2013,1\n" + // row 2
		"registered_volunteers,999999999999,2013,1\n" + // row 3
		"registered_volunteers,320612001,2013,1\n" + // row 4: township, data is per community
		"registered_volunteers,320612001001,20x3,1\n" + // row 5
		"registered_volunteers,320612001001,2013,101\n" + // row 6
		"one_stop_service,320612001001,2013,0.5\n" + // row 7
		"culture_sports_teams,320612001001,2013,2.5\n" + // row 8
		"registered_volunteers,320612001001,2013,NaN\n" + // row 9
		"registered_volunteers,320612001001,2013,\n" + // row 10
		"registered_volunteers,320612001001,2012,7\n" + // row 11: fine
		"registered_volunteers,320612001001,2012,7.5\n" // row 12: duplicate of 11
	_, err := importer.ReadObservations("bad.csv", []byte(csv), cat, idx)
	ps := problems(t, err)
	wantProblem(t, ps, 2, 0, "indicator", `unknown indicator "no_such_thing"`)
	wantProblem(t, ps, 3, 0, "region", `unknown region code "999999999999"`)
	wantProblem(t, ps, 4, 0, "region", "is a township, but registered_volunteers is observed per community")
	wantProblem(t, ps, 5, 0, "period", `"20x3" is not a year`)
	wantProblem(t, ps, 6, 0, "value", "outside registered_volunteers's range [0, 100]")
	wantProblem(t, ps, 7, 0, "value", "yes/no")
	wantProblem(t, ps, 8, 0, "value", "whole number")
	wantProblem(t, ps, 9, 0, "value", "not a number")
	wantProblem(t, ps, 10, 0, "value", "empty")
	wantProblem(t, ps, 12, 0, "", "duplicate of row 11")
	if len(ps) != 10 {
		t.Errorf("got %d problems, want 10: %+v", len(ps), ps)
	}
}

func TestReadObservationsFileProblems(t *testing.T) {
	cat, idx := fixture(t)
	cases := map[string]struct{ data, want string }{
		"empty":          {"", "empty"},
		"missing column": {"indicator,region,value\nx,y,1\n", "lacks column(s) period"},
		"no rows":        {"indicator,region,period,value\n", "no rows"},
		"not text":       {"indicator,region,period,value\n\xff\xfe\xfd\x00,1,2,3\n", "neither UTF-8 nor GBK"},
		"bad quoting":    {"indicator,region,period,value\n\"x,y,1,2\n", "CSV syntax"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := importer.ReadObservations("f.csv", []byte(c.data), cat, idx)
			ps := problems(t, err)
			wantProblem(t, ps, 0, 0, "", c.want)
		})
	}
}
