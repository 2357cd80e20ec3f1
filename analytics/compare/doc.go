// Package compare sets regions side by side against the targets of the
// catalogue: a scorecard (value, target, meets, gap, rank and change since
// the previous period for every indicator), attainment by task and by
// responsible department, the spread of data-level values beneath each
// region, and a composite index with explicit weights.
//
// Every function is pure over a snapshot: values and targets come from
// analytics.Snapshot.Rollup, so a region's target is the urban and rural
// thresholds blended by its own make-up, exactly as the observations
// endpoint reports it.
//
// Ranks follow the comparator that judges the indicator at the compared
// level: for ≥ a higher value ranks first, for ≤ a lower one, and for a range
// the value furthest inside it (the larger gap). Equal values share a rank
// and the next rank skips ("1, 2, 2, 4"). Regions without a value get no
// rank.
//
// Results are rounded to 9 decimal places, far below any meaningful
// precision, so float noise stays out of reports.
package compare
