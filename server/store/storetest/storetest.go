// Package storetest is the contract every store.Store is held to: Run it
// from the implementation's tests with a function that opens a fresh, empty
// store. It also provides the synthetic datasets and the benchmarks that
// both stores share, so their figures compare.
package storetest

import (
	"testing"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

// Run runs the contract suite. open must return a new, empty store and
// close it when the test ends (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		run  func(*testing.T, store.Store)
	}{
		{"Empty", testEmpty},
		{"Ping", testPing},
		{"RoundTrip", testRoundTrip},
		{"Upsert", testUpsert},
		{"Batches", testBatches},
		{"BatchUserAndReport", testBatchReport},
		{"RemoveRegions", testRemoveRegions},
		{"FailedApplyWritesNothing", testFailedApply},
		{"CancelledApplyWritesNothing", testCancelledApply},
		{"ConcurrentLoadSeesOneState", testConcurrentLoad},
		{"StreamObservations", testStream},
		{"FailedStreamWritesNothing", testFailedStream},
		{"CancelledStreamWritesNothing", testCancelledStream},
		{"Networks", testNetworks},
		{"Targets", testTargets},
		{"Undo", testUndo},
		{"UndoConflict", testUndoConflict},
		{"UndoOrphan", testUndoOrphan},
		{"StreamUndo", testStreamUndo},
		{"BatchList", testBatchList},
		{"Users", testUsers},
		{"Tokens", testTokens},
		{"Audit", testAudit},
		{"ConcurrentCreateUserOneWins", testConcurrentCreateUser},
		{"Checklist", testChecklist},
		{"Rounds", testRounds},
		{"ApprovalInApply", testApprovalInApply},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, open(t)) })
	}
}

func testEmpty(t *testing.T, s store.Store) {
	empty, err := s.Empty(t.Context())
	if err != nil || !empty {
		t.Fatalf("new store: Empty() = %v, %v; want true, nil", empty, err)
	}
	ds := mustLoad(t, s)
	if n := len(ds.Regions) + len(ds.Observations) + len(ds.Facilities) + len(ds.Grids) + len(ds.Batches) + len(ds.Networks); n != 0 {
		t.Fatalf("new store: Load returned %d records, want none: %+v", n, ds)
	}
	mustApply(t, s, newModel(), Fixture())
	if empty, err := s.Empty(t.Context()); err != nil || empty {
		t.Fatalf("after Apply: Empty() = %v, %v; want false, nil", empty, err)
	}
}

func testPing(t *testing.T, s store.Store) {
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	m := newModel()
	c := Fixture()
	b := mustApply(t, s, m, c)
	check(t, s, m)
	if c.Observations[len(c.Observations)-1].Batch != 999 {
		t.Error("Apply changed the changeset it was given")
	}
	for _, o := range mustLoad(t, s).Observations {
		if o.Batch != b.ID {
			t.Fatalf("observation %+v: batch %d, want the Apply's %d", o, o.Batch, b.ID)
		}
	}
}

func testUpsert(t *testing.T, s store.Store) {
	m := newModel()
	first := mustApply(t, s, m, Fixture())

	c := &store.Changeset{Kind: "boundaries", Source: "更新.geojson"}
	r := m.regions[UrbanCode]
	r.Name, r.Kind, r.Population = "金沙新社区", analytics.Rural, 9000
	r.Geometry = orb.MultiPolygon{
		{Rect(120.96, 32.06, 120.975, 32.075), Rect(120.961, 32.061, 120.962, 32.062)},
		{Rect(120.98, 32.06, 120.99, 32.07)},
	}
	r.LabelPoint = orb.Point{120.9612345, 32.0712345}
	unmapped := m.regions[RuralCode]
	unmapped.Geometry = nil
	// The same code twice: the last one wins.
	c.Regions = []analytics.Region{{Code: UrbanCode, Name: "overwritten", Level: analytics.Community, Parent: TownshipCode}, r, unmapped}
	c.Observations = []analytics.Observation{
		{Indicator: IndicatorCode, Region: UrbanCode, Period: 2023, Value: 0.30000000000000004},
		{Indicator: IndicatorCode, Region: UrbanCode, Period: 2024, Value: 7},
		{Indicator: IndicatorCode, Region: UrbanCode, Period: 2024, Value: 8},
	}
	f := m.facilities[FacilityID]
	f.Point, f.Name, f.Type, f.FloorAreaM2, f.Region = orb.Point{120.97, 32.07}, "迁址后服务站", analytics.PolicePost, 12.5, RuralCode
	c.Facilities = []analytics.Facility{f}
	g := m.grids[GridCode]
	g.Worker, g.Households, g.Geometry = "", 302, orb.MultiPolygon{{Rect(120.96, 32.06, 120.966, 32.066)}}
	c.Grids = []analytics.Grid{g}

	second := mustApply(t, s, m, c)
	if second.ID <= first.ID {
		t.Fatalf("second batch id %d not after the first's %d", second.ID, first.ID)
	}
	check(t, s, m)
	for _, o := range mustLoad(t, s).Observations {
		want := first.ID
		if o.Region == UrbanCode && o.Indicator == IndicatorCode && o.Period >= 2023 {
			want = second.ID
		}
		if o.Batch != want {
			t.Errorf("observation %+v: batch %d, want %d", o, o.Batch, want)
		}
	}
}

func testBatches(t *testing.T, s store.Store) {
	m := newModel()
	start := time.Now().Add(-time.Second)
	changesets := []*store.Changeset{
		Fixture(),
		{Kind: "observations", Source: "2024年指标.csv", Observations: []analytics.Observation{
			{Indicator: "E5", Region: CityCode, Period: 2024, Value: 1},
			{Indicator: "E5", Region: CountyCode, Period: 2024, Value: 2},
		}},
		{Kind: "facilities", Source: "empty.csv"},
		{Kind: "grids", Source: "grids.geojson", Grids: Fixture().Grids[:1]},
	}
	var prev analytics.Batch
	for i, c := range changesets {
		b := mustApply(t, s, m, c)
		if b.Kind != c.Kind || b.Source != c.Source || b.Rows != c.Rows() {
			t.Errorf("batch %d = %+v, want kind %q, source %q, rows %d", i, b, c.Kind, c.Source, c.Rows())
		}
		if b.ID <= prev.ID || b.At.Before(prev.At) || b.At.Before(start) || b.At.After(time.Now().Add(time.Second)) {
			t.Errorf("batch %d = %+v does not follow %+v", i, b, prev)
		}
		if b.At.Location() != time.UTC {
			t.Errorf("batch %d time %v is not in UTC", i, b.At)
		}
		prev = b
	}
	check(t, s, m)
	for _, b := range mustLoad(t, s).Batches {
		if b.At.Location() != time.UTC {
			t.Errorf("loaded batch %d time %v is not in UTC", b.ID, b.At)
		}
	}
}
