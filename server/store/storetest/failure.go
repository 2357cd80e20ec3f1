package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

// testFailedApply applies changesets the schema must refuse, each failing
// after other records of it were written, and checks that nothing of them
// stays and that the refused record is named.
func testFailedApply(t *testing.T, s store.Store) {
	m := newModel()
	mustApply(t, s, m, Fixture())
	newRegion := analytics.Region{
		Code: "320612001203", Name: "新村", Level: analytics.Community, Parent: TownshipCode,
		Kind: analytics.Rural, Geometry: orb.MultiPolygon{{Rect(121, 32, 121.01, 32.01)}},
	}
	renamed := m.regions[CountyCode]
	renamed.Name = "改名"
	valid := []analytics.Observation{
		{Indicator: IndicatorCode, Region: UrbanCode, Period: 2023, Value: 99},
		{Indicator: IndicatorCode, Region: newRegion.Code, Period: 2023, Value: 1},
	}
	cases := []struct {
		name    string
		c       *store.Changeset
		typ     string // of the record the error must name
		key     string
		anyName bool // the store may name any record of the type
	}{
		{
			name: "empty indicator",
			c: &store.Changeset{Kind: "observations", Source: "bad.csv",
				Regions:      []analytics.Region{renamed, newRegion},
				Observations: append(append([]analytics.Observation{}, valid...), analytics.Observation{Region: UrbanCode, Period: 2024, Value: 1}),
			},
			typ: "observation", key: store.ObservationKey("", UrbanCode, 2024),
		},
		{
			name: "invalid level",
			c: &store.Changeset{Kind: "boundaries", Source: "bad.geojson",
				Regions:      []analytics.Region{renamed, {Code: "320612002", Name: "坏", Level: "district", Parent: CountyCode}},
				Observations: valid[:1],
			},
			typ: "region", key: "320612002",
		},
		{
			name: "invalid kind",
			c: &store.Changeset{Kind: "boundaries", Source: "bad.geojson",
				Regions: []analytics.Region{renamed, {Code: "320612001204", Name: "坏", Level: analytics.Community, Parent: TownshipCode, Kind: "suburban"}},
			},
			typ: "region", key: "320612001204",
		},
		{
			name: "unknown region",
			c: &store.Changeset{Kind: "observations", Source: "bad.csv",
				Regions:      []analytics.Region{renamed},
				Observations: append(append([]analytics.Observation{}, valid[:1]...), analytics.Observation{Indicator: "A1.1", Region: "999999", Period: 2023}),
			},
			typ: "observation", key: store.ObservationKey("A1.1", "999999", 2023),
		},
		{
			name: "unknown facility type",
			c: &store.Changeset{Kind: "facilities", Source: "bad.csv",
				Regions:    []analytics.Region{renamed},
				Facilities: []analytics.Facility{m.facilities[FacilityID], {ID: "F-bad", Type: "school", Region: UrbanCode}},
			},
			typ: "facility", key: "F-bad",
		},
		{
			name: "grid of unknown community",
			c: &store.Changeset{Kind: "grids", Source: "bad.geojson",
				Regions: []analytics.Region{renamed},
				Grids:   []analytics.Grid{m.grids[GridCode], {Code: "G-bad", Community: "320612009999"}},
			},
			typ: "grid", key: "G-bad",
		},
		{
			name: "negative households",
			c: &store.Changeset{Kind: "grids", Source: "bad.geojson",
				Grids: []analytics.Grid{m.grids[GridCode], {Code: "G-neg", Community: UrbanCode, Households: -1}},
			},
			typ: "grid", key: "G-neg",
		},
	}
	before := mustLoad(t, s)
	for _, tc := range cases {
		_, err := s.Apply(t.Context(), tc.c)
		if err == nil {
			t.Fatalf("%s: Apply succeeded, want an error", tc.name)
		}
		t.Logf("%s: %v", tc.name, err)
		var re *store.RecordError
		if !errors.As(err, &re) || re.Type != tc.typ || re.Key != tc.key {
			t.Errorf("%s: Apply error %q does not name %s %s (as a *store.RecordError)", tc.name, err, tc.typ, tc.key)
		}
		if d := diff(mustLoad(t, s), before); d != "" {
			t.Fatalf("%s: failed Apply changed the store:\n%s", tc.name, d)
		}
	}
	// The store still takes writes, and batch ids still increase.
	last := m.batches[len(m.batches)-1]
	if b := mustApply(t, s, m, &store.Changeset{Kind: "boundaries", Source: "ok", Regions: []analytics.Region{renamed}}); b.ID <= last.ID {
		t.Fatalf("batch id %d after failures, want more than %d", b.ID, last.ID)
	}
	check(t, s, m)
}

// testCancelledApply cancels Applies of a larger changeset at later and
// later moments, until one completes: each must have written all or nothing,
// and one that reports an error nothing, even when the deadline falls on
// the commit.
func testCancelledApply(t *testing.T, s store.Store) {
	m := newModel()
	mustApply(t, s, m, Synthetic(SmallSize, 0))
	before := m.dataset()
	c := Synthetic(SmallSize, 1)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Apply(ctx, c); !errors.Is(err, context.Canceled) {
		t.Fatalf("Apply with a cancelled context: %v, want context.Canceled", err)
	}
	if d := diff(mustLoad(t, s), before); d != "" {
		t.Fatalf("cancelled Apply changed the store:\n%s", d)
	}

	for delay := 100 * time.Microsecond; ; delay = delay * 5 / 4 {
		ctx, cancel := context.WithTimeout(t.Context(), delay)
		b, err := s.Apply(ctx, c)
		cancel()
		if err != nil {
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Apply with a deadline of %v: %v, want context.DeadlineExceeded", delay, err)
			}
			if d := diff(mustLoad(t, s), before); d != "" {
				t.Fatalf("Apply cancelled after %v (%v) changed the store:\n%s", delay, err, d)
			}
			continue
		}
		m.apply(c, b)
		check(t, s, m)
		t.Logf("Apply completed with a deadline of %v", delay)
		return
	}
}
