package postgis

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/history"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
	"github.com/community-atlas/atlas/server/store/internal/wkbgeom"
	"github.com/jackc/pgx/v5"
)

// commitTimeout bounds the commit of an Apply, which ignores cancellation.
const commitTimeout = time.Minute

// Apply writes c in one transaction and records it as a batch.
func (s *Store) Apply(ctx context.Context, c *store.Changeset) (analytics.Batch, error) {
	b := analytics.Batch{
		Kind:   c.Kind,
		Source: c.Source,
		Rows:   c.Rows(),
		// PostgreSQL keeps microseconds; truncating here makes the
		// returned batch equal the one loaded later.
		At:     time.Now().UTC().Truncate(time.Microsecond),
		User:   c.User,
		Report: c.Report,
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: apply: begin: %w", err)
	}
	// After a cancellation the rollback must still be sent.
	defer tx.Rollback(context.WithoutCancel(ctx))

	if err := insertBatch(ctx, tx, &b); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: apply: batch: %w", ctxerr.Ended(ctx, err))
	}
	n := history.Counts{}
	for _, w := range []write{regions(c.Regions), facilities(c.Facilities), grids(c.Grids), observations(c.Observations), networks(c.Networks)} {
		if err := w.run(ctx, tx, b.ID, n); err != nil {
			return analytics.Batch{}, fmt.Errorf("postgis: %w", ctxerr.Ended(ctx, err))
		}
	}
	// A handful of entries a write: statement by statement, not COPY.
	err = rowscan.WriteChecklist(c.Checklist, b.ID, func(t time.Time) time.Time { return t },
		func(q string, args ...any) error {
			_, err := tx.Exec(ctx, q, args...)
			return err
		})
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: %w", ctxerr.Ended(ctx, err))
	}
	if err := writeTargets(ctx, tx, c.Targets, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: %w", ctxerr.Ended(ctx, err))
	}
	if err := removeRegions(ctx, tx, c.RemoveRegions); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: %w", ctxerr.Ended(ctx, err))
	}
	if err := s.rounds.MoveAll(ctx, txQuerier{tx}, c.Transitions, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: %w", ctxerr.Ended(ctx, err))
	}
	if err := recordHistory(ctx, tx, b.ID, c, n); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: %w", ctxerr.Ended(ctx, err))
	}
	if err := commitBatch(ctx, tx, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: apply: %w", err)
	}
	return b, nil
}

// recordHistory records what the batch replaced, as its writes captured it
// into n, where the store keeps that for c (see Changeset.Undoable).
func recordHistory(ctx context.Context, tx pgx.Tx, batch int64, c *store.Changeset, n history.Counts) error {
	if !c.Undoable() {
		return nil
	}
	return history.Record(ctx, txQuerier{tx}, batch, 0, n)
}

// insertBatch records b (its ID is set) with its user and report.
func insertBatch(ctx context.Context, tx pgx.Tx, b *analytics.Batch) error {
	return tx.QueryRow(ctx, insertBatchSQL, b.Kind, b.Source, b.Rows, b.At, b.User, reportText(b.Report)).Scan(&b.ID)
}

// reportText is a report as the jsonb column takes it, or NULL.
func reportText(r json.RawMessage) any {
	if len(r) == 0 {
		return nil
	}
	return string(r)
}

// removeRegions deletes regions, in the order given (children first), with
// their observations and checklist entries; a refusal (a facility or grid
// still in the region) names the region.
func removeRegions(ctx context.Context, tx pgx.Tx, codes []string) error {
	for _, code := range codes {
		for _, q := range removeRegionSQL {
			if _, err := tx.Exec(ctx, q, code); err != nil {
				return &store.RecordError{Type: "region", Key: code, Err: err}
			}
		}
	}
	return nil
}

// writeTargets upserts target overrides row by row: an annex holds a few
// dozen, far too few for the bulk path. A later row of the same key wins,
// as in the other tables.
func writeTargets(ctx context.Context, tx pgx.Tx, ts []analytics.TargetOverride, batch int64) error {
	for _, t := range ts {
		if _, err := tx.Exec(ctx, rowscan.UpsertTargetSQL, rowscan.TargetArgs(t, batch)...); err != nil {
			return &store.RecordError{Type: "target", Key: store.ObservationKey(t.Indicator, t.Region, t.Period), Err: err}
		}
	}
	return nil
}

// BatchReport is the report kept with batch id.
func (s *Store) BatchReport(ctx context.Context, id int64) (json.RawMessage, error) {
	var r []byte
	err := s.pool.QueryRow(ctx, batchReportSQL, id).Scan(&r)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, store.ErrNoBatch
	case err != nil:
		return nil, fmt.Errorf("postgis: batch report: %w", ctxerr.Ended(ctx, err))
	case r == nil:
		return nil, nil
	}
	return json.RawMessage(r), nil
}

// commitBatch announces batch id and commits tx.
func commitBatch(ctx context.Context, tx pgx.Tx, id int64) error {
	// Other atlas processes on this database learn of the batch at commit
	// (a notification is sent only if its transaction commits).
	if _, err := tx.Exec(ctx, notifySQL, strconv.FormatInt(id, 10)); err != nil {
		return fmt.Errorf("notify: %w", ctxerr.Ended(ctx, err))
	}
	// Once everything is written the commit is not abandoned: cancelling
	// it half-way leaves the outcome unknown (the server may have committed
	// before the connection dropped), while a write that reports an error
	// must have written nothing. commitTimeout only guards against a
	// server that stops answering.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), commitTimeout)
	defer cancel()
	if err := tx.Commit(cctx); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// lastOf returns recs with only the last record of each key, in the order
// of those last records. One INSERT … ON CONFLICT cannot update a row
// twice, and the SQLite store, writing row by row, keeps the last.
func lastOf[T any, K comparable](recs []T, key func(T) K) []T {
	last := make(map[K]int, len(recs))
	for i, r := range recs {
		last[key(r)] = i
	}
	if len(last) == len(recs) {
		return recs
	}
	out := make([]T, 0, len(last))
	for i, r := range recs {
		if last[key(r)] == i {
			out = append(out, r)
		}
	}
	return out
}

func regions(recs []analytics.Region) write {
	recs = lastOf(recs, func(r analytics.Region) string { return r.Code })
	// Parents first: the diagnosis replays rows one by one, and the
	// foreign key on parent is checked per statement.
	recs = slices.Clone(recs)
	slices.SortStableFunc(recs, func(a, b analytics.Region) int {
		return cmp.Compare(a.Level.Depth(), b.Level.Depth())
	})
	return write{
		table: &regionTable, n: len(recs),
		key: func(i int) string { return recs[i].Code },
		row: func(i int) ([]any, error) {
			r := recs[i]
			g, err := wkbgeom.MultiPolygon(r.Geometry)
			if err != nil {
				return nil, err
			}
			return []any{r.Code, r.Name, string(r.Level), r.Parent, string(r.Kind),
				r.Population, r.Households, r.AreaKM2, r.LabelPoint.Lon(), r.LabelPoint.Lat(),
				r.Generated, nullable(g)}, nil
		},
	}
}

func observations(recs []analytics.Observation) write {
	type key struct {
		indicator, region string
		period            int
	}
	recs = lastOf(recs, func(o analytics.Observation) key { return key{o.Indicator, o.Region, o.Period} })
	return write{
		table: &observationTable, n: len(recs),
		key: func(i int) string {
			return store.ObservationKey(recs[i].Indicator, recs[i].Region, recs[i].Period)
		},
		row: func(i int) ([]any, error) {
			o := recs[i]
			return []any{o.Indicator, o.Region, o.Period, o.Value}, nil
		},
	}
}

func facilities(recs []analytics.Facility) write {
	recs = lastOf(recs, func(f analytics.Facility) string { return f.ID })
	return write{
		table: &facilityTable, n: len(recs),
		key: func(i int) string { return recs[i].ID },
		row: func(i int) ([]any, error) {
			f := recs[i]
			p, err := wkbgeom.Point(f.Point)
			if err != nil {
				return nil, err
			}
			return []any{f.ID, string(f.Type), f.Name, f.FloorAreaM2, f.Region, p}, nil
		},
	}
}

func grids(recs []analytics.Grid) write {
	recs = lastOf(recs, func(g analytics.Grid) string { return g.Code })
	return write{
		table: &gridTable, n: len(recs),
		key: func(i int) string { return recs[i].Code },
		row: func(i int) ([]any, error) {
			g := recs[i]
			geom, err := wkbgeom.MultiPolygon(g.Geometry)
			if err != nil {
				return nil, err
			}
			return []any{g.Code, g.Community, g.Households, g.Worker, nullable(geom)}, nil
		},
	}
}

func networks(recs []*network.Network) write {
	recs = lastOf(recs, func(n *network.Network) string { return n.Name })
	return write{
		table: &networkTable, n: len(recs),
		key: func(i int) string { return recs[i].Name },
		row: func(i int) ([]any, error) {
			row, _, err := rowscan.NetworkRow(recs[i])
			return row, err
		},
	}
}

// nullable turns a nil slice into a SQL NULL.
func nullable(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

// ChecklistFile returns the evidence file of an entry; store.ErrNoFile
// when it has none.
func (s *Store) ChecklistFile(ctx context.Context, k analytics.ChecklistKey) ([]byte, error) {
	var data []byte
	err := s.pool.QueryRow(ctx, rowscan.ChecklistFileSQL, k.Item, k.Region, k.Period).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNoFile
	}
	if err != nil {
		return nil, fmt.Errorf("postgis: checklist file %s/%s/%d: %w", k.Item, k.Region, k.Period, ctxerr.Ended(ctx, err))
	}
	return data, nil
}
