package storetest

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// testBatchReport checks that a batch keeps who wrote it and its report,
// whether applied or streamed, and that a batch without one answers nil.
func testBatchReport(t *testing.T, s store.Store) {
	m := newModel()
	seed := mustApply(t, s, m, Fixture())
	report := json.RawMessage(`{"file":"甲.csv","rows":2,"regions":{"new":1,"items":[{"code":"320612001001","name":"金沙"}]}}`)
	c := &store.Changeset{Kind: "observations", Source: "甲.csv", User: "analyst1", Report: report,
		Observations: []analytics.Observation{{Indicator: "E5", Region: CityCode, Period: 2024, Value: 1}}}
	applied := mustApply(t, s, m, c)
	if applied.User != "analyst1" {
		t.Errorf("Apply answered user %q, want analyst1", applied.User)
	}
	wantReport(t, s, applied.ID, report)
	wantReport(t, s, seed.ID, nil)
	streamed, err := streamer(t, s).StreamObservations(t.Context(),
		store.BatchInfo{Kind: "observations", Source: "乙.csv", User: "manager2", Report: func(rows int) json.RawMessage {
			return json.RawMessage(`{"file":"乙.csv","rows":` + strconv.Itoa(rows) + `}`)
		}},
		putAll(c.Observations))
	if err != nil {
		t.Fatalf("StreamObservations: %v", err)
	}
	m.apply(&store.Changeset{Kind: "observations", Source: "乙.csv", Observations: c.Observations}, streamed)
	wantReport(t, s, streamed.ID, json.RawMessage(`{"rows":1,"file":"乙.csv"}`))
	check(t, s, m)
	if _, err := s.BatchReport(t.Context(), streamed.ID+100); !errors.Is(err, store.ErrNoBatch) {
		t.Errorf("BatchReport of an unknown batch: %v, want ErrNoBatch", err)
	}
}

// wantReport fails unless batch id's report is the JSON want (compared as
// values: PostgreSQL's jsonb reorders keys).
func wantReport(t *testing.T, s store.Store, id int64, want json.RawMessage) {
	t.Helper()
	got, err := s.BatchReport(t.Context(), id)
	if err != nil {
		t.Fatalf("BatchReport(%d): %v", id, err)
	}
	if want == nil || got == nil {
		if got != nil || want != nil {
			t.Errorf("batch %d report %s, want %s", id, got, want)
		}
		return
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("batch %d report %q: %v", id, got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("batch %d report %s, want %s", id, got, want)
	}
}

// testRemoveRegions checks that a removed region goes with its
// observations, and that a region a facility still lies in is refused by
// name with nothing written.
func testRemoveRegions(t *testing.T, s store.Store) {
	m := newModel()
	mustApply(t, s, m, Fixture())
	_, err := s.Apply(t.Context(), &store.Changeset{Kind: "boundaries", Source: "b.shp", RemoveRegions: []string{RuralCode}})
	var re *store.RecordError
	if !errors.As(err, &re) || re.Type != "region" || re.Key != RuralCode {
		t.Fatalf("removing a region with a facility in it: %v, want a RecordError naming region %s", err, RuralCode)
	}
	check(t, s, m)
	// The village clinic moves to the township in the same write, so the
	// village may go.
	clinic := Fixture().Facilities[2]
	if clinic.Region != RuralCode {
		t.Fatalf("fixture facility 3 lies in %s, want %s", clinic.Region, RuralCode)
	}
	clinic.Region = TownshipCode
	mustApply(t, s, m, &store.Changeset{Kind: "boundaries", Source: "b.shp", User: "u",
		Facilities: []analytics.Facility{clinic}, RemoveRegions: []string{RuralCode}})
	check(t, s, m)
	if _, ok := m.regions[RuralCode]; ok {
		t.Fatal("the model kept the removed region")
	}
}
