package storetest

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/store"
)

// model is the reference store: what a Load must return after the same
// changesets were applied, computed in memory.
type model struct {
	regions      map[string]analytics.Region
	observations map[obsKey]analytics.Observation
	facilities   map[string]analytics.Facility
	grids        map[string]analytics.Grid
	networks     map[string]*network.Network
	batches      []analytics.Batch
}

type obsKey struct {
	indicator, region string
	period            int
}

func newModel() *model {
	return &model{
		regions:      map[string]analytics.Region{},
		observations: map[obsKey]analytics.Observation{},
		facilities:   map[string]analytics.Facility{},
		grids:        map[string]analytics.Grid{},
		networks:     map[string]*network.Network{},
	}
}

// apply records c as applied in batch b, with the upsert rules of the
// Store interface; a key given twice ends with its last record.
func (m *model) apply(c *store.Changeset, b analytics.Batch) {
	for _, r := range c.Regions {
		m.regions[r.Code] = r
	}
	for _, o := range c.Observations {
		o.Batch = b.ID
		m.observations[obsKey{o.Indicator, o.Region, o.Period}] = o
	}
	for _, f := range c.Facilities {
		m.facilities[f.ID] = f
	}
	for _, g := range c.Grids {
		m.grids[g.Code] = g
	}
	for _, n := range c.Networks {
		m.networks[n.Name] = n
	}
	for _, code := range c.RemoveRegions {
		delete(m.regions, code)
		for k := range m.observations {
			if k.region == code {
				delete(m.observations, k)
			}
		}
	}
	b.Report = nil // Load leaves reports to BatchReport
	m.batches = append(m.batches, b)
}

// dataset returns the model's content in the order Load returns it.
func (m *model) dataset() *analytics.Dataset {
	ds := &analytics.Dataset{Batches: slices.Clone(m.batches)}
	for _, r := range m.regions {
		ds.Regions = append(ds.Regions, r)
	}
	for _, o := range m.observations {
		ds.Observations = append(ds.Observations, o)
	}
	for _, f := range m.facilities {
		ds.Facilities = append(ds.Facilities, f)
	}
	for _, g := range m.grids {
		ds.Grids = append(ds.Grids, g)
	}
	for _, n := range m.networks {
		ds.Networks = append(ds.Networks, n)
	}
	slices.SortFunc(ds.Regions, func(a, b analytics.Region) int { return strings.Compare(a.Code, b.Code) })
	slices.SortFunc(ds.Observations, func(a, b analytics.Observation) int {
		return cmp.Or(strings.Compare(a.Indicator, b.Indicator), strings.Compare(a.Region, b.Region), cmp.Compare(a.Period, b.Period))
	})
	slices.SortFunc(ds.Facilities, func(a, b analytics.Facility) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(ds.Grids, func(a, b analytics.Grid) int { return strings.Compare(a.Code, b.Code) })
	slices.SortFunc(ds.Networks, func(a, b *network.Network) int { return strings.Compare(a.Name, b.Name) })
	return ds
}

// diff describes how got differs from want, or returns "" when they are
// equal: every field of every record, in order, floats and coordinates
// compared exactly, batch times as instants.
func diff(got, want *analytics.Dataset) string {
	var b strings.Builder
	diffSlice(&b, "region", got.Regions, want.Regions, deepEqual)
	diffSlice(&b, "observation", got.Observations, want.Observations, deepEqual)
	diffSlice(&b, "facility", got.Facilities, want.Facilities, deepEqual)
	diffSlice(&b, "grid", got.Grids, want.Grids, deepEqual)
	diffSlice(&b, "network", got.Networks, want.Networks, sameNetwork)
	diffSlice(&b, "batch", got.Batches, want.Batches, sameBatch)
	return b.String()
}

func deepEqual[T any](a, b T) bool { return reflect.DeepEqual(a, b) }

// sameNetwork compares two networks by name, source and every stored
// array, bit for bit.
func sameNetwork(a, b *network.Network) bool {
	return a.Name == b.Name && a.Source == b.Source && reflect.DeepEqual(a.Encode(), b.Encode())
}

func sameBatch(a, b analytics.Batch) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Source == b.Source && a.Rows == b.Rows && a.At.Equal(b.At) &&
		a.User == b.User && a.Report == nil && b.Report == nil
}

// diffSlice reports a length mismatch or the first few differing records.
func diffSlice[T any](b *strings.Builder, what string, got, want []T, eq func(T, T) bool) {
	if len(got) != len(want) {
		fmt.Fprintf(b, "%d %ss, want %d\n", len(got), what, len(want))
	}
	shown := 0
	for i := range min(len(got), len(want)) {
		if eq(got[i], want[i]) {
			continue
		}
		fmt.Fprintf(b, "%s %d:\n  got  %+v\n  want %+v\n", what, i, got[i], want[i])
		if shown++; shown == 3 {
			fmt.Fprintf(b, "  (further %s differences not shown)\n", what)
			return
		}
	}
}

// mustLoad loads s, failing the test on error.
func mustLoad(t *testing.T, s store.Store) *analytics.Dataset {
	t.Helper()
	ds, err := s.Load(t.Context())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return ds
}

// mustApply applies c to s and to m, failing the test on error.
func mustApply(t *testing.T, s store.Store, m *model, c *store.Changeset) analytics.Batch {
	t.Helper()
	b, err := s.Apply(t.Context(), c)
	if err != nil {
		t.Fatalf("Apply(%s %s): %v", c.Kind, c.Source, err)
	}
	m.apply(c, b)
	return b
}

// check fails the test if s does not hold exactly what m holds.
func check(t *testing.T, s store.Store, m *model) {
	t.Helper()
	if d := diff(mustLoad(t, s), m.dataset()); d != "" {
		t.Fatalf("Load differs from what was applied:\n%s", d)
	}
}
