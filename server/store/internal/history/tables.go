// Package history keeps what each batch replaced, for both stores: the
// statements that capture the records a batch is about to overwrite, that
// undo a batch, and that read the history back. The two schemas have the
// same history tables (migration 00010) and the statements are written in
// the SQL both databases speak; what differs by store is given as data: the
// columns of each table (SQLite keeps bounding boxes beside geometries),
// the source of the keys a capture reads, and how a batch time is scanned.
package history

import (
	"fmt"
	"strings"
)

// Table is one record type's table and its history table.
type Table struct {
	Type    string   // as store.RecordError names it: region, observation, …
	Name    string   // the table: regions
	History string   // its history table: region_history
	Count   string   // the batch_history column counting its keys: regions
	Keys    []string // the key columns
	Cols    []string // every other column but batch, in both tables
	// Batch is set for a table with a batch column (observations,
	// networks): it names the record's writer, and an undo restores it.
	Batch bool
}

// CaptureSQL copies, for batch $1, the current record (or its absence) of
// each key that source selects (one row per key, columns named as Keys)
// into the history table. A key captured already for the batch keeps its
// first capture: that is the record before the batch.
func (t Table) CaptureSQL(source string) string {
	return fmt.Sprintf(`
INSERT INTO %s (batch, %s, present, prev_batch, writer, %s)
SELECT $1, %s, t.%s IS NOT NULL, %s, $1, %s
FROM (%s) s LEFT JOIN %s t ON %s
WHERE true
ON CONFLICT DO NOTHING`,
		t.History, list("", t.Keys), list("", t.Cols),
		list("s.", t.Keys), t.Keys[0], t.writerOf("s", "t"), list("t.", t.Cols),
		source, t.Name, t.join("t", "s"))
}

// RowSource selects one key given as parameters $2, $3, …, for CaptureSQL.
func (t Table) RowSource() string {
	cols := make([]string, len(t.Keys))
	for i, k := range t.Keys {
		cols[i] = fmt.Sprintf("$%d AS %s", i+2, k)
	}
	return "SELECT " + strings.Join(cols, ", ")
}

// writerOf is the batch the current record of key k.<Keys> is attributed
// to: its batch column, or the writer of the key's latest history row.
func (t Table) writerOf(k, cur string) string {
	if t.Batch {
		return cur + ".batch"
	}
	return fmt.Sprintf("(SELECT w.writer FROM %s w WHERE %s ORDER BY w.batch DESC LIMIT 1)", t.History, t.join("w", k))
}

// join is the condition that a's keys equal b's.
func (t Table) join(a, b string) string {
	conds := make([]string, len(t.Keys))
	for i, k := range t.Keys {
		conds[i] = fmt.Sprintf("%s.%s = %s.%s", a, k, b, k)
	}
	return strings.Join(conds, " AND ")
}

// conflictSQL finds a key of batch $1 whose current writer is not the one
// the batch left, with the latest batch that wrote it since.
func (t Table) conflictSQL() string {
	var cur string
	if t.Batch {
		cur = fmt.Sprintf("(SELECT t.batch FROM %s t WHERE %s)", t.Name, t.join("t", "b"))
	} else {
		cur = t.writerOf("b", "")
	}
	return fmt.Sprintf(`
SELECT %s, COALESCE((SELECT max(l.batch) FROM %s l WHERE %s AND l.batch > $1), 0)
FROM %s b WHERE b.batch = $1 AND %s IS DISTINCT FROM b.writer LIMIT 1`,
		list("b.", t.Keys), t.History, t.join("l", "b"), t.History, cur)
}

// undoCaptureSQL is CaptureSQL for undo batch $2 of batch $1: the keys are
// those batch $1 wrote, whose current writer (no conflict was found) is
// the one it left, and which will be attributed to its prev_batch again.
func (t Table) undoCaptureSQL() string {
	return fmt.Sprintf(`
INSERT INTO %s (batch, %s, present, prev_batch, writer, %s)
SELECT $2, %s, t.%s IS NOT NULL, b.writer, b.prev_batch, %s
FROM %s b LEFT JOIN %s t ON %s
WHERE b.batch = $1`,
		t.History, list("", t.Keys), list("", t.Cols),
		list("b.", t.Keys), t.Keys[0], list("t.", t.Cols),
		t.History, t.Name, t.join("t", "b"))
}

// deleteSQL removes the records batch $1 created.
func (t Table) deleteSQL() string {
	keys := list("", t.Keys)
	return fmt.Sprintf(`DELETE FROM %s WHERE (%s) IN (SELECT %s FROM %s WHERE batch = $1 AND NOT present)`,
		t.Name, keys, keys, t.History)
}

// restoreSQL writes back the records batch $1 replaced, with their
// batch when the table has one.
func (t Table) restoreSQL() string {
	cols, vals := t.Cols, t.Cols
	if t.Batch {
		cols = append(append([]string{}, t.Cols...), "batch")
		vals = append(append([]string{}, t.Cols...), "prev_batch")
	}
	sets := make([]string, len(cols))
	for i, c := range cols {
		sets[i] = c + " = excluded." + c
	}
	return fmt.Sprintf(`
INSERT INTO %s (%s, %s)
SELECT %s, %s FROM %s WHERE batch = $1 AND present
ON CONFLICT (%s) DO UPDATE SET %s`,
		t.Name, list("", t.Keys), list("", cols), list("", t.Keys), list("", vals), t.History,
		list("", t.Keys), strings.Join(sets, ", "))
}

// list joins columns with a prefix each.
func list(prefix string, cols []string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = prefix + c
	}
	return strings.Join(out, ", ")
}
