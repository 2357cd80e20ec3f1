package importer_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/importer"
)

// streamed runs StreamObservations on csv and returns what it put.
func streamed(t *testing.T, csv string, put func(analytics.Observation) error) ([]analytics.Observation, error) {
	t.Helper()
	cat, idx := fixture(t)
	var got []analytics.Observation
	err := importer.StreamObservations("obs.csv", strings.NewReader(csv), cat, idx, func(o analytics.Observation) error {
		got = append(got, o)
		if put != nil {
			return put(o)
		}
		return nil
	})
	return got, err
}

func TestStreamObservationsPutsEachRowInOrder(t *testing.T) {
	got, err := streamed(t, "indicator,region,period,value\n"+
		"registered_volunteers,320612001001,2013,8.5\n"+
		"\n"+
		"one_stop_service,320612001201,2013,1\n"+
		"registered_volunteers,320612001001,2014,9\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []analytics.Observation{
		{Indicator: "registered_volunteers", Region: "320612001001", Period: 2013, Value: 8.5},
		{Indicator: "one_stop_service", Region: "320612001201", Period: 2013, Value: 1},
		{Indicator: "registered_volunteers", Region: "320612001001", Period: 2014, Value: 9},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("put %+v, want %+v", got, want)
	}
}

// Once a row is wrong the batch is lost: nothing more is put, but every
// later problem, duplicates included, is still reported.
func TestStreamObservationsStopsPuttingAtTheFirstProblem(t *testing.T) {
	got, err := streamed(t, "indicator,region,period,value\n"+
		"registered_volunteers,320612001001,2013,8.5\n"+ // row 2
		"registered_volunteers,999999999999,2013,1\n"+ // row 3: unknown region
		"one_stop_service,320612001201,2013,1\n"+ // row 4: fine, not put
		"registered_volunteers,320612001001,2013,7\n", nil) // row 5: duplicate of row 2
	if len(got) != 1 || got[0].Period != 2013 || got[0].Value != 8.5 {
		t.Errorf("put %+v, want only row 2", got)
	}
	ps := problems(t, err)
	if len(ps) != 2 || ps[0].Row != 3 || ps[0].Field != "region" || ps[1].Row != 5 ||
		ps[1].Message != "duplicate of row 2: registered_volunteers for 320612001001 in 2013 appears twice" {
		t.Errorf("problems = %+v, want row 3's region and row 5 as a duplicate of row 2", ps)
	}
}

func TestStreamObservationsStopsWhenPutFails(t *testing.T) {
	full := errors.New("disk full")
	n := 0
	got, err := streamed(t, "indicator,region,period,value\n"+
		"registered_volunteers,320612001001,2013,8.5\n"+
		"registered_volunteers,320612001001,2014,8.5\n"+
		"registered_volunteers,320612001001,2015,8.5\n", func(analytics.Observation) error {
		if n++; n == 2 {
			return full
		}
		return nil
	})
	if !errors.Is(err, full) || len(got) != 2 {
		t.Errorf("err %v after %d rows put, want %v after 2", err, len(got), full)
	}
}

func TestStreamObservationsSyntaxErrorKeepsEarlierProblems(t *testing.T) {
	got, err := streamed(t, "indicator,region,period,value\n"+
		"registered_volunteers,320612001001,2013,x\n"+ // row 2: not a number
		"registered_volunteers,320612001001,2014,\"8\n", nil) // row 3: unclosed quote
	ps := problems(t, err)
	if len(got) != 0 || len(ps) != 2 || ps[0].Row != 2 || ps[0].Field != "value" {
		t.Errorf("put %+v, problems %+v; want nothing put, row 2's value then the syntax error", got, ps)
	}
}

func TestStreamObservationsHeaderOnly(t *testing.T) {
	_, err := streamed(t, "indicator,region,period,value\n\n", nil)
	if ps := problems(t, err); len(ps) != 1 || ps[0].Message != "the file has a header but no rows" {
		t.Errorf("problems = %+v", ps)
	}
}
