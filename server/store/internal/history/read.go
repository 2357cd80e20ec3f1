package history

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

const (
	// batchColumns are rowscan.Batch's then the history's.
	batchColumns = `
SELECT b.id, b.kind, b.source, b.rows, b.at, h.batch IS NOT NULL, COALESCE(h.undoes, 0),
       COALESCE(h.regions, 0), COALESCE(h.observations, 0), COALESCE(h.facilities, 0),
       COALESCE(h.grids, 0), COALESCE(h.networks, 0),
       COALESCE((SELECT max(u.batch) FROM batch_history u WHERE u.undoes = b.id), 0)
FROM batches b LEFT JOIN batch_history h ON h.batch = b.id`
	// PostgreSQL cannot tell the type of a parameter compared only with a
	// literal: the CASTs give it.
	listBatchesSQL = batchColumns + `
WHERE (CAST($1 AS text) = '' OR b.kind = $1) AND (CAST($2 AS bigint) = 0 OR b.id < $2)
ORDER BY b.id DESC LIMIT $3`
	oneBatchSQL = batchColumns + ` WHERE b.id = $1`

	scopeSQL = `
SELECT code FROM region_history WHERE batch = $1
UNION SELECT parent FROM region_history WHERE batch = $1 AND parent IS NOT NULL
UNION SELECT r.parent FROM region_history h JOIN regions r ON r.code = h.code WHERE h.batch = $1 AND r.parent IS NOT NULL
UNION SELECT region FROM observation_history WHERE batch = $1
UNION SELECT region FROM facility_history WHERE batch = $1 AND region IS NOT NULL
UNION SELECT f.region FROM facility_history h JOIN facilities f ON f.id = h.id WHERE h.batch = $1
UNION SELECT community FROM grid_history WHERE batch = $1 AND community IS NOT NULL
UNION SELECT g.community FROM grid_history h JOIN grids g ON g.code = h.code WHERE h.batch = $1`

	regionHistorySQL = `
SELECT indicator, period, batch, present, COALESCE(value, 0), COALESCE(prev_batch, 0)
FROM observation_history
WHERE region = $1 AND (CAST($2 AS text) = '' OR indicator = $2)
ORDER BY indicator, period, batch`
	currentValuesSQL = `
SELECT indicator, period, value, batch FROM observations
WHERE region = $1 AND (CAST($2 AS text) = '' OR indicator = $2)`

	// A batch records its writer; for one written before it did, the
	// import and undo handlers' audit entries ("… batch N rows M") name
	// it: the newest entry naming the batch.
	authorSQL = `
SELECT COALESCE(NULLIF((SELECT username FROM batches WHERE id = $2), ''),
       (SELECT username FROM audit WHERE action IN ('import', 'undo') AND detail LIKE $1 ORDER BY id DESC LIMIT 1), '')`
)

// Reader reads the history through a store's connections; T is the type
// the driver scans a batch time into, and At converts it.
type Reader[T any] struct {
	DB Querier
	At func(T) (time.Time, error)
}

// Batches lists batches newest first (see store.History).
func (r Reader[T]) Batches(ctx context.Context, kind string, limit int, before int64) ([]store.BatchRecord, error) {
	var out []store.BatchRecord
	err := r.DB.Query(ctx, listBatchesSQL, []any{kind, before, limit}, func(s rowscan.Scanner) error {
		b, err := r.scanBatch(s)
		out = append(out, b)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list batches: %w", err)
	}
	return out, nil
}

// Batch returns batch id, or store.ErrNoBatch.
func (r Reader[T]) Batch(ctx context.Context, id int64) (store.BatchRecord, error) {
	var out store.BatchRecord
	found := false
	err := r.DB.Query(ctx, oneBatchSQL, []any{id}, func(s rowscan.Scanner) error {
		found = true
		var err error
		out, err = r.scanBatch(s)
		return err
	})
	if err != nil {
		return out, fmt.Errorf("batch %d: %w", id, err)
	}
	if !found {
		return out, fmt.Errorf("batch %d: %w", id, store.ErrNoBatch)
	}
	return out, nil
}

func (r Reader[T]) scanBatch(s rowscan.Scanner) (store.BatchRecord, error) {
	var b store.BatchRecord
	var at T
	var reg, obs, fac, grid, net int
	err := s.Scan(&b.ID, &b.Kind, &b.Source, &b.Rows, &at, &b.History, &b.Undoes,
		&reg, &obs, &fac, &grid, &net, &b.UndoneBy)
	if err != nil {
		return b, err
	}
	if b.At, err = r.At(at); err != nil {
		return b, err
	}
	b.At = b.At.UTC()
	b.Counts = map[string]int{"regions": reg, "observations": obs, "facilities": fac, "grids": grid, "networks": net}
	return b, nil
}

// BatchScope says where batch id's rows lie.
func (r Reader[T]) BatchScope(ctx context.Context, id int64) (store.BatchScope, error) {
	b, err := r.Batch(ctx, id)
	if err != nil {
		return store.BatchScope{}, err
	}
	sc := store.BatchScope{Networks: b.Counts["networks"] > 0}
	err = r.DB.Query(ctx, scopeSQL, []any{id}, func(s rowscan.Scanner) error {
		var code string
		err := s.Scan(&code)
		sc.Regions = append(sc.Regions, code)
		return err
	})
	if err != nil {
		return sc, fmt.Errorf("scope of batch %d: %w", id, err)
	}
	slices.Sort(sc.Regions)
	return sc, nil
}

// RegionHistory is every change to region code's observations.
func (r Reader[T]) RegionHistory(ctx context.Context, code, indicator string) ([]store.ValueChange, error) {
	current := map[valueKey]store.ValueChange{}
	err := r.DB.Query(ctx, currentValuesSQL, []any{code, indicator}, func(s rowscan.Scanner) error {
		var c store.ValueChange
		var v float64
		err := s.Scan(&c.Indicator, &c.Period, &v, &c.Batch.ID)
		c.Value = &v
		current[valueKey{c.Indicator, c.Period}] = c
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("history of region %s: %w", code, err)
	}
	var out []store.ValueChange
	err = r.DB.Query(ctx, regionHistorySQL, []any{code, indicator}, func(s rowscan.Scanner) error {
		var c store.ValueChange
		var present bool
		var prev float64
		if err := s.Scan(&c.Indicator, &c.Period, &c.Batch.ID, &present, &prev, &c.PreviousBatch); err != nil {
			return err
		}
		if present {
			c.Previous = &prev
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history of region %s: %w", code, err)
	}
	out = withValues(out, current)
	return out, r.fillBatches(ctx, out)
}

// valueKey is an observation's key within one region.
type valueKey struct {
	indicator string
	period    int
}

// withValues sets the value each change left: the next change's previous
// value, and for the last change of a key the current value (none if the
// key holds none). Values written before history was kept have no change
// recorded: each is added as its batch wrote it, with nothing before.
func withValues(changes []store.ValueChange, current map[valueKey]store.ValueChange) []store.ValueChange {
	seen := map[valueKey]bool{}
	for i := range changes {
		k := valueKey{changes[i].Indicator, changes[i].Period}
		seen[k] = true
		if i+1 < len(changes) && changes[i+1].Indicator == k.indicator && changes[i+1].Period == k.period {
			changes[i].Value = changes[i+1].Previous
		} else if c, ok := current[k]; ok {
			changes[i].Value = c.Value
		}
	}
	for k, c := range current {
		if !seen[k] {
			changes = append(changes, c)
		}
	}
	slices.SortStableFunc(changes, func(a, b store.ValueChange) int {
		return cmp.Or(strings.Compare(a.Indicator, b.Indicator), cmp.Compare(a.Period, b.Period),
			cmp.Compare(a.Batch.ID, b.Batch.ID))
	})
	return changes
}

// fillBatches replaces each change's batch id by its record.
func (r Reader[T]) fillBatches(ctx context.Context, cs []store.ValueChange) error {
	cache := map[int64]store.BatchRecord{}
	for i := range cs {
		id := cs[i].Batch.ID
		b, ok := cache[id]
		if !ok {
			var err error
			if b, err = r.Batch(ctx, id); err != nil {
				return err
			}
			cache[id] = b
		}
		cs[i].Batch = b
	}
	return nil
}

// BatchAuthors names the user who wrote each batch, where the batch or the
// audit log says.
func (r Reader[T]) BatchAuthors(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		err := r.DB.Query(ctx, authorSQL, []any{fmt.Sprintf("%% batch %d rows %%", id), id}, func(s rowscan.Scanner) error {
			var u string
			err := s.Scan(&u)
			out[id] = u
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("authors of batches: %w", err)
		}
	}
	return out, nil
}
