package server_test

import (
	"strconv"
	"strings"
	"testing"
)

// TestDefaultPeriodIgnoresEarlyRows: on the seeds, two communities' rows
// for a new year make it the latest period but not the default the views
// open on; the default stays the seeds' last year, which every community
// reports.
func TestDefaultPeriodIgnoresEarlyRows(t *testing.T) {
	s := newServer(t, nil)
	var before periodsAnswer
	s.get(t, "/api/v1/periods", 200, &before)
	last := before.Items[len(before.Items)-1]
	if before.Latest != last || before.Default != last {
		t.Fatalf("seeds: latest %d, default %d, want both %d", before.Latest, before.Default, last)
	}
	next := last + 1
	csv := "indicator,region,period,value\n" +
		"registered_volunteers,320612001001," + strconv.Itoa(next) + ",12\n" +
		"registered_volunteers,320612001002," + strconv.Itoa(next) + ",13\n"
	s.upload(t, "observations", "early.csv", []byte(csv), 201, nil)
	var after periodsAnswer
	s.get(t, "/api/v1/periods", 200, &after)
	if after.Latest != next || after.Default != last {
		t.Errorf("after two rows for %d: latest %d (want %d), default %d (want %d)", next, after.Latest, next, after.Default, last)
	}
}

type periodsAnswer struct {
	Items           []int
	Latest, Default int
}

// TestDefaultPeriodFollowsPublishedRound: once a round is published, views
// open on its year, even an earlier one than the latest data; a published
// round for a year without data moves nothing.
func TestDefaultPeriodFollowsPublishedRound(t *testing.T) {
	s := newServer(t, nil)
	var before periodsAnswer
	s.get(t, "/api/v1/periods", 200, &before)
	if len(before.Items) < 2 {
		t.Fatalf("seeds: periods %v", before.Items)
	}
	earlier, last := before.Items[len(before.Items)-2], before.Items[len(before.Items)-1]
	publish := func(period int) {
		spec := map[string]any{"period": period, "indicators": []string{"committee_members"},
			"level": "community", "deadline": "2000-01-01", "reviewers": []string{"320612"}}
		var r struct{ ID int64 }
		s.do(t, "POST", "/api/v1/rounds", s.token, "application/json", jsonBody(spec), 201, &r)
		s.do(t, "POST", "/api/v1/rounds/"+strconv.FormatInt(r.ID, 10)+"/publish", s.token, "application/json", strings.NewReader(`{}`), 200, nil)
	}
	publish(last + 5)
	var got periodsAnswer
	s.get(t, "/api/v1/periods", 200, &got)
	if got.Default != last {
		t.Errorf("after publishing a round of %d, which has no data: default %d, want %d", last+5, got.Default, last)
	}
	publish(earlier)
	s.get(t, "/api/v1/periods", 200, &got)
	if got.Default != earlier || got.Latest != last {
		t.Errorf("after publishing the round of %d: default %d latest %d, want %d and %d", earlier, got.Default, got.Latest, earlier, last)
	}
}
