package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
	"github.com/community-atlas/atlas/server/store/internal/wkbgeom"
	"github.com/paulmach/orb"
)

// timeLayout is how batch times are stored: UTC with microseconds, the
// precision PostgreSQL keeps, so both stores return the same instant.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Apply writes c in one transaction and records it as a batch. Regions are
// written parents first, because foreign keys are checked per statement.
func (s *Store) Apply(ctx context.Context, c *store.Changeset) (analytics.Batch, error) {
	b := analytics.Batch{
		Kind:   c.Kind,
		Source: c.Source,
		Rows:   c.Rows(),
		At:     time.Now().UTC().Truncate(time.Microsecond),
		User:   c.User,
		Report: c.Report,
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: apply: begin: %w", err)
	}
	defer tx.Rollback()

	if err := insertBatch(ctx, tx, &b); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: apply: batch: %w", ctxerr.Ended(ctx, err))
	}
	steps := []func(context.Context, *sql.Tx) error{
		func(ctx context.Context, tx *sql.Tx) error { return captureChangeset(ctx, tx, b.ID, c) },
		func(ctx context.Context, tx *sql.Tx) error { return writeRegions(ctx, tx, c.Regions) },
		func(ctx context.Context, tx *sql.Tx) error { return writeFacilities(ctx, tx, c.Facilities) },
		func(ctx context.Context, tx *sql.Tx) error { return writeGrids(ctx, tx, c.Grids) },
		func(ctx context.Context, tx *sql.Tx) error { return writeObservations(ctx, tx, c.Observations, b.ID) },
		func(ctx context.Context, tx *sql.Tx) error { return writeNetworks(ctx, tx, c.Networks, b.ID) },
		func(ctx context.Context, tx *sql.Tx) error { return writeChecklist(ctx, tx, c.Checklist, b.ID) },
		func(ctx context.Context, tx *sql.Tx) error { return writeTargets(ctx, tx, c.Targets, b.ID) },
		func(ctx context.Context, tx *sql.Tx) error { return removeRegions(ctx, tx, c.RemoveRegions) },
		func(ctx context.Context, tx *sql.Tx) error {
			return s.rounds.MoveAll(ctx, txQuerier{tx}, c.Transitions, b.ID)
		},
	}
	for _, step := range steps {
		if err := step(ctx, tx); err != nil {
			return analytics.Batch{}, fmt.Errorf("sqlite: %w", ctxerr.Ended(ctx, err))
		}
	}
	if err := tx.Commit(); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: apply: commit: %w", ctxerr.Ended(ctx, err))
	}
	return b, nil
}

// insertBatch records b (its ID is set) with its user and report.
func insertBatch(ctx context.Context, tx *sql.Tx, b *analytics.Batch) error {
	return tx.QueryRowContext(ctx, insertBatchSQL, b.Kind, b.Source, b.Rows, b.At.Format(timeLayout),
		b.User, reportText(b.Report)).Scan(&b.ID)
}

// reportText is a report as the report column holds it: JSON text, or NULL.
func reportText(r json.RawMessage) any {
	if len(r) == 0 {
		return nil
	}
	return string(r)
}

// removeRegions deletes regions, in the order given (children first), with
// their observations and checklist entries.
func removeRegions(ctx context.Context, tx *sql.Tx, codes []string) error {
	for _, q := range removeRegionSQL {
		if err := each(ctx, tx, q, "region", codes,
			func(c string) string { return c }, func(c string) ([]any, error) { return []any{c}, nil }); err != nil {
			return err
		}
	}
	return nil
}

// BatchReport is the report kept with batch id.
func (s *Store) BatchReport(ctx context.Context, id int64) (json.RawMessage, error) {
	var r sql.NullString
	err := s.db.QueryRowContext(ctx, batchReportSQL, id).Scan(&r)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, store.ErrNoBatch
	case err != nil:
		return nil, fmt.Errorf("sqlite: batch report: %w", ctxerr.Ended(ctx, err))
	case !r.Valid:
		return nil, nil
	}
	return json.RawMessage(r.String), nil
}

// each prepares query on tx and runs it once per record with the arguments
// args gives, naming the record (typ and key) in any error.
func each[T any](ctx context.Context, tx *sql.Tx, query, typ string, recs []T,
	key func(T) string, args func(T) ([]any, error)) error {
	if len(recs) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return fmt.Errorf("prepare %s upsert: %w", typ, err)
	}
	defer stmt.Close()
	for _, r := range recs {
		a, err := args(r)
		if err == nil {
			_, err = stmt.ExecContext(ctx, a...)
		}
		if err != nil {
			return &store.RecordError{Type: typ, Key: key(r), Err: err}
		}
	}
	return nil
}

func writeRegions(ctx context.Context, tx *sql.Tx, regions []analytics.Region) error {
	// A stable sort keeps the changeset's order among equals, so that a
	// code given twice ends with its last version, as in the other tables.
	sorted := slices.Clone(regions)
	slices.SortStableFunc(sorted, func(a, b analytics.Region) int {
		return cmp.Compare(a.Level.Depth(), b.Level.Depth())
	})
	return each(ctx, tx, upsertRegionSQL, "region", sorted,
		func(r analytics.Region) string { return r.Code },
		func(r analytics.Region) ([]any, error) {
			g, box, err := multiPolygon(r.Geometry)
			if err != nil {
				return nil, err
			}
			return append([]any{r.Code, r.Name, string(r.Level), r.Parent, string(r.Kind),
				r.Population, r.Households, r.AreaKM2, r.LabelPoint.Lon(), r.LabelPoint.Lat(),
				r.Generated, g}, box...), nil
		})
}

func writeObservations(ctx context.Context, tx *sql.Tx, obs []analytics.Observation, batch int64) error {
	return each(ctx, tx, upsertObservationSQL, "observation", obs,
		func(o analytics.Observation) string { return store.ObservationKey(o.Indicator, o.Region, o.Period) },
		func(o analytics.Observation) ([]any, error) {
			return []any{o.Indicator, o.Region, int64(o.Period), o.Value, batch}, nil
		})
}

func writeTargets(ctx context.Context, tx *sql.Tx, ts []analytics.TargetOverride, batch int64) error {
	return each(ctx, tx, rowscan.UpsertTargetSQL, "target", ts,
		func(t analytics.TargetOverride) string { return store.ObservationKey(t.Indicator, t.Region, t.Period) },
		func(t analytics.TargetOverride) ([]any, error) { return rowscan.TargetArgs(t, batch), nil })
}

func writeFacilities(ctx context.Context, tx *sql.Tx, facilities []analytics.Facility) error {
	return each(ctx, tx, upsertFacilitySQL, "facility", facilities,
		func(f analytics.Facility) string { return f.ID },
		func(f analytics.Facility) ([]any, error) {
			p, err := wkbgeom.Point(f.Point)
			if err != nil {
				return nil, err
			}
			return []any{f.ID, string(f.Type), f.Name, f.FloorAreaM2, f.Region,
				p, f.Point.Lon(), f.Point.Lat()}, nil
		})
}

func writeGrids(ctx context.Context, tx *sql.Tx, grids []analytics.Grid) error {
	return each(ctx, tx, upsertGridSQL, "grid", grids,
		func(g analytics.Grid) string { return g.Code },
		func(g analytics.Grid) ([]any, error) {
			geom, box, err := multiPolygon(g.Geometry)
			if err != nil {
				return nil, err
			}
			return append([]any{g.Code, g.Community, g.Households, g.Worker, geom}, box...), nil
		})
}

func writeNetworks(ctx context.Context, tx *sql.Tx, networks []*network.Network, batch int64) error {
	return each(ctx, tx, upsertNetworkSQL, "network", networks,
		func(n *network.Network) string { return n.Name },
		func(n *network.Network) ([]any, error) {
			row, box, err := rowscan.NetworkRow(n)
			if err != nil {
				return nil, err
			}
			// name, source, batch, nodes, segments, extent, box, the parts.
			args := append([]any{row[0], row[1], batch}, row[2:5]...)
			return append(append(args, box...), row[5:]...), nil
		})
}

// multiPolygon returns the WKB of m and its bounding box (minx, miny, maxx,
// maxy), all nil for an empty m.
func multiPolygon(m orb.MultiPolygon) (any, []any, error) {
	b, err := wkbgeom.MultiPolygon(m)
	if err != nil || b == nil {
		return nil, []any{nil, nil, nil, nil}, err
	}
	box := m.Bound()
	return b, []any{box.Min.X(), box.Min.Y(), box.Max.X(), box.Max.Y()}, nil
}

func writeChecklist(ctx context.Context, tx *sql.Tx, entries []analytics.ChecklistEntry, batch int64) error {
	return rowscan.WriteChecklist(entries, batch, func(t time.Time) string { return t.Format(timeLayout) },
		func(q string, args ...any) error {
			_, err := tx.ExecContext(ctx, q, args...)
			return err
		})
}

// ChecklistFile returns the evidence file of an entry; store.ErrNoFile
// when it has none.
func (s *Store) ChecklistFile(ctx context.Context, k analytics.ChecklistKey) ([]byte, error) {
	var data []byte
	err := s.db.QueryRowContext(ctx, rowscan.ChecklistFileSQL, k.Item, k.Region, k.Period).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNoFile
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: checklist file %s/%s/%d: %w", k.Item, k.Region, k.Period, ctxerr.Ended(ctx, err))
	}
	return data, nil
}
