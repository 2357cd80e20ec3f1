package server_test

import (
	"strconv"
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
