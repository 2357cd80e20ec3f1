package rowscan

import "github.com/community-atlas/atlas/analytics"

// TargetColumns are the columns Target reads, in order; both stores write
// them in the same order (TargetArgs).
const TargetColumns = `indicator, region, period, urban_min, urban_max, rural_min, rural_max, batch`

// Target reads a row of TargetColumns; a NULL bound stays nil.
func Target(r Scanner) (analytics.TargetOverride, error) {
	var t analytics.TargetOverride
	err := r.Scan(&t.Indicator, &t.Region, &t.Period, &t.Urban.Min, &t.Urban.Max, &t.Rural.Min, &t.Rural.Max, &t.Batch)
	return t, err
}

// TargetArgs are the arguments that upsert t in batch, in TargetColumns
// order.
func TargetArgs(t analytics.TargetOverride, batch int64) []any {
	return []any{t.Indicator, t.Region, int64(t.Period), t.Urban.Min, t.Urban.Max, t.Rural.Min, t.Rural.Max, batch}
}

// UpsertTargetSQL writes one target override, replacing the one for the
// same indicator, region and period; the same in both dialects.
const UpsertTargetSQL = `
INSERT INTO targets (` + TargetColumns + `)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (indicator, region, period) DO UPDATE SET
    urban_min = excluded.urban_min, urban_max = excluded.urban_max,
    rural_min = excluded.rural_min, rural_max = excluded.rural_max,
    batch = excluded.batch`
