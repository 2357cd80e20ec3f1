package storetest

import (
	"errors"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

// NewTownshipCode is a region the history tests create.
const NewTownshipCode = "320612002"

// changes is a changeset that changes, adds to and leaves alone records of
// every type in Fixture: a boundary redrawn, a region added, values
// changed and added, a facility moved, a grid redrawn, a network added.
func changes() *store.Changeset {
	f := Fixture()
	urban := f.Regions[0]
	urban.Geometry = orb.MultiPolygon{{Rect(120.955, 32.055, 120.975, 32.075)}}
	urban.Population++
	township := analytics.Region{Code: NewTownshipCode, Name: "新区", Level: analytics.Township, Parent: CountyCode,
		Geometry: orb.MultiPolygon{{Rect(121.1, 32.1, 121.15, 32.15)}}, LabelPoint: orb.Point{121.12, 32.12}}
	fac := f.Facilities[0]
	fac.Point, fac.Region = orb.Point{120.97, 32.07}, RuralCode
	grid := f.Grids[0]
	grid.Geometry, grid.Households = orb.MultiPolygon{{Rect(120.96, 32.06, 120.966, 32.066)}}, 302
	return &store.Changeset{Kind: "boundaries", Source: "修订.geojson",
		Regions: []analytics.Region{urban, township},
		Observations: []analytics.Observation{
			{Indicator: IndicatorCode, Region: UrbanCode, Period: 2023, Value: 0.2},
			{Indicator: IndicatorCode, Region: UrbanCode, Period: 2024, Value: 0.3},
			{Indicator: "E5", Region: NewTownshipCode, Period: 2024, Value: 7},
		},
		Facilities: []analytics.Facility{fac},
		Grids:      []analytics.Grid{grid},
		Networks:   []*network.Network{Network("通州", 0)},
	}
}

// data is a dataset without its batches: what an undo must restore.
func data(t *testing.T, s store.Store) *analytics.Dataset {
	t.Helper()
	ds := mustLoad(t, s)
	ds.Batches = nil
	return ds
}

func sameData(t *testing.T, what string, got, want *analytics.Dataset) {
	t.Helper()
	if d := diff(got, want); d != "" {
		t.Fatalf("%s:\n%s", what, d)
	}
}

func mustUndo(t *testing.T, s store.Store, id int64) analytics.Batch {
	t.Helper()
	b, err := s.Undo(t.Context(), id, "wang")
	if err != nil {
		t.Fatalf("Undo(%d): %v", id, err)
	}
	if b.Kind != "undo" || b.ID <= id {
		t.Fatalf("Undo(%d) = %+v, want a new batch of kind undo", id, b)
	}
	return b
}

// testUndo: import, import changes, undo → the data before, exactly;
// undo the undo → the data after; undo the changes again → before.
func testUndo(t *testing.T, s store.Store) {
	first := mustApply(t, s, newModel(), Fixture())
	before := data(t, s)
	changed := mustApply(t, s, newModel(), changes())
	after := data(t, s)
	undo := mustUndo(t, s, changed.ID)
	sameData(t, "after the undo", data(t, s), before)
	redo := mustUndo(t, s, undo.ID)
	sameData(t, "after undoing the undo", data(t, s), after)
	mustUndo(t, s, changed.ID)
	sameData(t, "after undoing the changes again", data(t, s), before)

	rec, err := s.Batch(t.Context(), undo.ID)
	if err != nil {
		t.Fatal(err)
	}
	// changes() writes 2 regions, 3 observations, 1 facility, 1 grid, 1 network.
	want := map[string]int{"regions": 2, "observations": 3, "facilities": 1, "grids": 1, "networks": 1}
	if rec.Undoes != changed.ID || rec.UndoneBy != redo.ID || !rec.History || !sameCounts(rec.Counts, want) || rec.Rows != 8 {
		t.Errorf("Batch(%d) = %+v, want an undo of %d undone by %d with counts %v", undo.ID, rec, changed.ID, redo.ID, want)
	}
	// Undoing the first import removes everything (its records were all new).
	mustUndo(t, s, first.ID)
	sameData(t, "after undoing the first import", data(t, s), &analytics.Dataset{})
}

func sameCounts(got, want map[string]int) bool {
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return len(got) == len(want)
}

// testUndoConflict: a batch whose keys a later batch changed is refused,
// naming the later batch, and nothing is written; once the later batch is
// undone, it can be.
func testUndoConflict(t *testing.T, s store.Store) {
	m := newModel()
	mustApply(t, s, m, Fixture())
	before := data(t, s)
	a := mustApply(t, s, m, &store.Changeset{Kind: "observations", Source: "a.csv", Observations: []analytics.Observation{
		{Indicator: IndicatorCode, Region: UrbanCode, Period: 2023, Value: 5}}})
	b := mustApply(t, s, m, &store.Changeset{Kind: "observations", Source: "b.csv", Observations: []analytics.Observation{
		{Indicator: IndicatorCode, Region: UrbanCode, Period: 2023, Value: 6}}})
	_, err := s.Undo(t.Context(), a.ID, "")
	var c *store.UndoConflict
	if !errors.As(err, &c) || c.Later != b.ID || c.Batch != a.ID {
		t.Fatalf("Undo(%d) after %d wrote the same key: %v, want an UndoConflict naming batch %d", a.ID, b.ID, err, b.ID)
	}
	check(t, s, m) // nothing written, not even a batch
	mustUndo(t, s, b.ID)
	mustUndo(t, s, a.ID)
	sameData(t, "after undoing both", data(t, s), before)

	if _, err := s.Undo(t.Context(), 9999, ""); !errors.Is(err, store.ErrNoBatch) {
		t.Errorf("Undo(9999) = %v, want ErrNoBatch", err)
	}
}

// testUndoOrphan: a region created by a batch that later batches wrote
// records inside cannot be removed by undoing it.
func testUndoOrphan(t *testing.T, s store.Store) {
	mustApply(t, s, newModel(), Fixture())
	created := mustApply(t, s, newModel(), &store.Changeset{Kind: "boundaries", Source: "new.geojson",
		Regions: changes().Regions[1:]})
	mustApply(t, s, newModel(), &store.Changeset{Kind: "observations", Source: "new.csv", Observations: []analytics.Observation{
		{Indicator: "E5", Region: NewTownshipCode, Period: 2024, Value: 1}}})
	_, err := s.Undo(t.Context(), created.ID, "")
	var c *store.UndoConflict
	if !errors.As(err, &c) || c.Key != "region "+NewTownshipCode {
		t.Fatalf("Undo of the batch creating %s after observations were added in it: %v, want an UndoConflict naming the region", NewTownshipCode, err)
	}
}

// testStreamUndo: a streamed batch is undone like any other.
func testStreamUndo(t *testing.T, s store.Store) {
	mustApply(t, s, newModel(), Synthetic(SmallSize, 0))
	before := data(t, s)
	b, err := streamer(t, s).StreamObservations(t.Context(), store.BatchInfo{Kind: "observations", Source: "big.csv"}, putAll(streamRows()))
	if err != nil {
		t.Fatal(err)
	}
	after := data(t, s)
	undo := mustUndo(t, s, b.ID)
	sameData(t, "after undoing a streamed batch", data(t, s), before)
	mustUndo(t, s, undo.ID)
	sameData(t, "after undoing its undo", data(t, s), after)
}

// testBatchList checks the listing, its filter and cursor, the scope of a
// batch and the history of a region's values.
func testBatchList(t *testing.T, s store.Store) {
	first := mustApply(t, s, newModel(), Fixture())
	changed := mustApply(t, s, newModel(), changes())
	sc, err := s.BatchScope(t.Context(), changed.ID)
	// Where an undo writes: the regions written (urban, new township),
	// their parents (township, county), the observations' regions, the
	// facility's old and current region (urban, rural), the grid's
	// community (urban).
	wantScope := []string{CountyCode, TownshipCode, NewTownshipCode, UrbanCode, RuralCode}
	if err != nil || !sc.Networks || !sameSet(sc.Regions, wantScope) {
		t.Errorf("BatchScope = %+v, %v; want %v and networks", sc, err, wantScope)
	}

	undo := mustUndo(t, s, changed.ID)
	all, err := s.Batches(t.Context(), "", 10, 0)
	if err != nil || len(all) != 3 || all[0].ID != undo.ID || all[1].ID != changed.ID || all[2].ID != first.ID {
		t.Fatalf("Batches = %+v, %v; want the three, newest first", all, err)
	}
	if all[1].UndoneBy != undo.ID || all[0].Undoes != changed.ID {
		t.Errorf("Batches: undo links %+v / %+v", all[0], all[1])
	}
	page, err := s.Batches(t.Context(), "", 1, changed.ID)
	if err != nil || len(page) != 1 || page[0].ID != first.ID {
		t.Errorf("Batches(before %d, limit 1) = %+v, %v; want batch %d", changed.ID, page, err, first.ID)
	}
	kind, err := s.Batches(t.Context(), "boundaries", 10, 0)
	if err != nil || len(kind) != 1 || kind[0].ID != changed.ID {
		t.Errorf("Batches(boundaries) = %+v, %v; want batch %d", kind, err, changed.ID)
	}
	if _, err := s.Batch(t.Context(), 9999); !errors.Is(err, store.ErrNoBatch) {
		t.Errorf("Batch(9999) = %v, want ErrNoBatch", err)
	}

	hist, err := s.RegionHistory(t.Context(), UrbanCode, IndicatorCode)
	if err != nil {
		t.Fatal(err)
	}
	// 2013 and 2023 were imported first; 2023 changed 0.1 → 0.2 and back;
	// 2024 was added, then removed by the undo.
	type row struct {
		period      int
		batch       int64
		value, prev *float64
		prevBatch   int64
	}
	v := func(f float64) *float64 { return &f }
	want := []row{
		{2013, first.ID, v(1e-9), nil, 0},
		{2023, first.ID, v(0.1), nil, 0},
		{2023, changed.ID, v(0.2), v(0.1), first.ID},
		{2023, undo.ID, v(0.1), v(0.2), changed.ID},
		{2024, changed.ID, v(0.3), nil, 0},
		{2024, undo.ID, nil, v(0.3), changed.ID},
	}
	if len(hist) != len(want) {
		t.Fatalf("RegionHistory = %d changes, want %d: %+v", len(hist), len(want), hist)
	}
	for i, w := range want {
		h := hist[i]
		if h.Indicator != IndicatorCode || h.Period != w.period || h.Batch.ID != w.batch || !sameFloat(h.Value, w.value) ||
			!sameFloat(h.Previous, w.prev) || h.PreviousBatch != w.prevBatch {
			t.Errorf("RegionHistory[%d] = %+v (value %v, previous %v), want %+v", i, h, deref(h.Value), deref(h.Previous), w)
		}
	}
}

func sameSet(got, want []string) bool {
	seen := map[string]bool{}
	for _, g := range got {
		seen[g] = true
	}
	for _, w := range want {
		if !seen[w] {
			return false
		}
	}
	return len(seen) == len(want) && len(got) == len(want)
}

func sameFloat(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
