package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// streamer returns s as a store.ObservationStreamer: every store must be
// one, so a store that is not fails the contract rather than skipping it.
func streamer(t *testing.T, s store.Store) store.ObservationStreamer {
	t.Helper()
	st, ok := s.(store.ObservationStreamer)
	if !ok {
		t.Fatalf("%T does not implement store.ObservationStreamer", s)
	}
	return st
}

// putAll is a source that puts obs in order.
func putAll(obs []analytics.Observation) store.ObservationSource {
	return func(put func(analytics.Observation) error) error {
		for _, o := range obs {
			if err := put(o); err != nil {
				return err
			}
		}
		return nil
	}
}

// streamRows is the observations of a synthetic revision, then all of
// them again with other values, then the first hundred a third time: more
// than any store's chunk, ending with a partial one, and keys repeated.
func streamRows() []analytics.Observation {
	obs := Synthetic(SmallSize, 1).Observations
	rows := append([]analytics.Observation{}, obs...)
	for i, o := range obs {
		o.Value += float64(i%7) + 1
		rows = append(rows, o)
	}
	for _, o := range obs[:100] {
		o.Value = -o.Value
		rows = append(rows, o)
	}
	return rows
}

// testStream checks that streaming observations has the result of Apply
// of the same observations in the same order.
func testStream(t *testing.T, s store.Store) {
	st := streamer(t, s)
	m := newModel()
	mustApply(t, s, m, Synthetic(SmallSize, 0))
	rows := streamRows()
	b, err := st.StreamObservations(t.Context(), store.BatchInfo{Kind: "observations", Source: "big.csv"}, putAll(rows))
	if err != nil {
		t.Fatalf("StreamObservations: %v", err)
	}
	if b.Rows != len(rows) || b.Kind != "observations" || b.Source != "big.csv" {
		t.Errorf("batch %+v, want %d rows of observations from big.csv", b, len(rows))
	}
	m.apply(&store.Changeset{Kind: "observations", Source: "big.csv", Observations: rows}, b)
	check(t, s, m)
}

// testFailedStream checks that a stream the schema refuses, or whose
// source fails, writes nothing, and that a refused row is named.
func testFailedStream(t *testing.T, s store.Store) {
	st := streamer(t, s)
	m := newModel()
	mustApply(t, s, m, Synthetic(SmallSize, 0))
	before := m.dataset()
	rows := streamRows()
	unknown := analytics.Observation{Indicator: rows[0].Indicator, Region: "999999999999", Period: 2020, Value: 1}
	empty := analytics.Observation{Region: rows[0].Region, Period: 2020, Value: 1}
	for _, bad := range []analytics.Observation{unknown, empty} {
		obs := append(append(append([]analytics.Observation{}, rows[:4321]...), bad), rows[4321:]...)
		_, err := st.StreamObservations(t.Context(), store.BatchInfo{Kind: "observations", Source: "bad.csv"}, putAll(obs))
		var re *store.RecordError
		want := store.ObservationKey(bad.Indicator, bad.Region, bad.Period)
		if !errors.As(err, &re) || re.Type != "observation" || re.Key != want {
			t.Errorf("stream with %+v: %v, want a RecordError naming observation %s", bad, err, want)
		}
		if d := diff(mustLoad(t, s), before); d != "" {
			t.Fatalf("refused stream changed the store:\n%s", d)
		}
	}
	errSource := errors.New("row 9000 is wrong")
	_, err := st.StreamObservations(t.Context(), store.BatchInfo{Kind: "observations", Source: "bad.csv"}, func(put func(analytics.Observation) error) error {
		if err := putAll(rows[:9000])(put); err != nil {
			return err
		}
		return errSource
	})
	if !errors.Is(err, errSource) {
		t.Errorf("stream whose source fails: %v, want its error", err)
	}
	if d := diff(mustLoad(t, s), before); d != "" {
		t.Fatalf("failed stream changed the store:\n%s", d)
	}
}

// testCancelledStream cancels a stream half-way: it must report the
// cancellation and write nothing.
func testCancelledStream(t *testing.T, s store.Store) {
	st := streamer(t, s)
	m := newModel()
	mustApply(t, s, m, Synthetic(SmallSize, 0))
	before := m.dataset()
	rows := streamRows()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	_, err := st.StreamObservations(ctx, store.BatchInfo{Kind: "observations", Source: "big.csv"}, func(put func(analytics.Observation) error) error {
		for i, o := range rows {
			if i == len(rows)/2 {
				cancel()
			}
			if err := put(o); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled stream: %v, want context.Canceled", err)
	}
	if d := diff(mustLoad(t, s), before); d != "" {
		t.Fatalf("cancelled stream changed the store:\n%s", d)
	}
}
