package rowscan

import (
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// The checklist's statements, the same in PostgreSQL and SQLite. An entry
// without a file has empty file columns and no row in checklist_files.
const (
	checklistColumns = `item, region, period, status, evidence, link, file_name, file_type, file_size,
       file_sha256, updated_by, updated_at, review, reviewer, review_note, reviewed_at`
	upsertChecklistSQL = `
INSERT INTO checklist (` + checklistColumns + `, batch)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
ON CONFLICT (item, region, period) DO UPDATE SET
    status = excluded.status, evidence = excluded.evidence, link = excluded.link,
    file_name = excluded.file_name, file_type = excluded.file_type, file_size = excluded.file_size,
    file_sha256 = excluded.file_sha256, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
    review = excluded.review, reviewer = excluded.reviewer, review_note = excluded.review_note,
    reviewed_at = excluded.reviewed_at, batch = excluded.batch`
	upsertChecklistFileSQL = `
INSERT INTO checklist_files (item, region, period, data) VALUES ($1, $2, $3, $4)
ON CONFLICT (item, region, period) DO UPDATE SET data = excluded.data`
	deleteChecklistFileSQL = `DELETE FROM checklist_files WHERE item = $1 AND region = $2 AND period = $3`
	// ChecklistFileSQL reads the evidence file of an entry.
	ChecklistFileSQL   = `SELECT data FROM checklist_files WHERE item = $1 AND region = $2 AND period = $3`
	selectChecklistSQL = `SELECT ` + checklistColumns + ` FROM checklist ORDER BY region, period, item`
)

// Exec runs a statement in the transaction of an Apply.
type Exec func(q string, args ...any) error

// WriteChecklist upserts entries as part of batch, in order, so that the
// last entry of a key wins. An entry's file is replaced when it carries
// the file's data, kept when it describes the file without data, and
// removed when it has none. stamp converts a time as the store keeps it.
func WriteChecklist[T any](entries []analytics.ChecklistEntry, batch int64, stamp func(time.Time) T, exec Exec) error {
	for _, e := range entries {
		if err := writeEntry(e, batch, stamp, exec); err != nil {
			return &store.RecordError{Type: "checklist entry", Key: fmt.Sprintf("%s/%s/%d", e.Item, e.Region, e.Period), Err: err}
		}
	}
	return nil
}

func writeEntry[T any](e analytics.ChecklistEntry, batch int64, stamp func(time.Time) T, exec Exec) error {
	f := e.File
	if f == nil {
		f = &analytics.EvidenceFile{}
	}
	var reviewed any // NULL until reviewed
	if e.ReviewedAt != nil {
		reviewed = stamp(Instant(*e.ReviewedAt))
	}
	err := exec(upsertChecklistSQL, e.Item, e.Region, e.Period, string(e.Status), e.Evidence, e.Link,
		f.Name, f.Type, f.Size, f.SHA256, e.UpdatedBy, stamp(Instant(e.UpdatedAt)),
		string(e.Review), e.Reviewer, e.ReviewNote, reviewed, batch)
	switch {
	case err != nil:
		return err
	case e.File == nil:
		return exec(deleteChecklistFileSQL, e.Item, e.Region, e.Period)
	case e.File.Data != nil:
		return exec(upsertChecklistFileSQL, e.Item, e.Region, e.Period, e.File.Data)
	}
	return nil
}

// ChecklistEntry reads a row of selectChecklistSQL; at converts the times.
func ChecklistEntry[T any](r Scanner, at func(T) (time.Time, error)) (analytics.ChecklistEntry, error) {
	var (
		e              analytics.ChecklistEntry
		status, review string
		f              analytics.EvidenceFile
		updated        T
		reviewed       *T
	)
	err := r.Scan(&e.Item, &e.Region, &e.Period, &status, &e.Evidence, &e.Link, &f.Name, &f.Type, &f.Size,
		&f.SHA256, &e.UpdatedBy, &updated, &review, &e.Reviewer, &e.ReviewNote, &reviewed)
	if err != nil {
		return e, err
	}
	e.Status, e.Review = analytics.ChecklistStatus(status), analytics.ReviewState(review)
	if f.Name != "" {
		e.File = &f
	}
	// In UTC whatever zone the driver gives (pgx: the local one).
	if e.UpdatedAt, err = at(updated); err != nil {
		return e, err
	}
	e.UpdatedAt = e.UpdatedAt.UTC()
	if reviewed != nil {
		t, err := at(*reviewed)
		if err != nil {
			return e, err
		}
		t = t.UTC()
		e.ReviewedAt = &t
	}
	return e, nil
}
