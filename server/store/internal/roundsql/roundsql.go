// Package roundsql keeps the rounds (store.Rounds) in SQL for both stores,
// as package accountsql keeps the accounts: one implementation over a
// small DB that each store adapts its driver to, the statements written in
// the SQL both databases speak, and what differs by store (how a time is
// kept, the driver's error for no row) given as a Dialect.
package roundsql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/accountsql"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

// DB runs statements on a store's connections, each its own transaction,
// and runs a function in one transaction (committed when it returns nil).
type DB interface {
	accountsql.Querier
	Tx(ctx context.Context, f func(q accountsql.Querier) error) error
}

// Dialect is what the rounds of a store that keeps a time as a T need to
// know of its driver.
type Dialect[T any] struct {
	Name   string // prefixes every error
	Time   func(time.Time) T
	At     func(T) (time.Time, error)
	NoRows error // the driver's error for a query that found no row
}

// Rounds is a store.Rounds kept in SQL through a DB.
type Rounds[T any] struct {
	db DB
	d  Dialect[T]
}

// New returns the rounds kept through db, in dialect d.
func New[T any](db DB, d Dialect[T]) Rounds[T] { return Rounds[T]{db: db, d: d} }

func (r Rounds[T]) stamp(t time.Time) T { return r.d.Time(rowscan.Instant(t)) }

func (r Rounds[T]) at(v T) (time.Time, error) {
	t, err := r.d.At(v)
	return t.UTC(), err
}

// CreateRound inserts rd, open, and sets its ID.
func (r Rounds[T]) CreateRound(ctx context.Context, rd *store.Round) error {
	inds, _ := json.Marshal(rd.Indicators) // a []string always marshals
	revs, _ := json.Marshal(rd.Reviewers)
	rd.Status = store.RoundOpen
	rd.CreatedAt = rowscan.Instant(rd.CreatedAt)
	err := r.db.QueryRow(ctx, insertRoundSQL, rd.Period, string(inds), rd.Level, rd.Deadline, string(revs),
		rd.Status, rd.CreatedBy, r.stamp(rd.CreatedAt)).Scan(&rd.ID)
	if err != nil {
		return fmt.Errorf("%s: round of %d: %w", r.d.Name, rd.Period, ctxerr.Ended(ctx, err))
	}
	return nil
}

// ListRounds returns every round, newest first.
func (r Rounds[T]) ListRounds(ctx context.Context) ([]store.Round, error) {
	var out []store.Round
	err := r.db.Query(ctx, listRoundsSQL, nil, func(s rowscan.Scanner) error {
		rd, err := r.round(s)
		out = append(out, rd)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: rounds: %w", r.d.Name, ctxerr.Ended(ctx, err))
	}
	return out, nil
}

// GetRound returns round id, or store.ErrNoRound.
func (r Rounds[T]) GetRound(ctx context.Context, id int64) (store.Round, error) {
	rd, err := r.round(r.db.QueryRow(ctx, getRoundSQL, id))
	if errors.Is(err, r.d.NoRows) {
		return store.Round{}, store.ErrNoRound
	}
	if err != nil {
		return store.Round{}, fmt.Errorf("%s: round %d: %w", r.d.Name, id, ctxerr.Ended(ctx, err))
	}
	return rd, nil
}

// PublishRound marks round id published.
func (r Rounds[T]) PublishRound(ctx context.Context, id int64, user string, at time.Time) error {
	n, err := r.db.Exec(ctx, publishRoundSQL, id, user, r.stamp(at))
	if err != nil {
		return fmt.Errorf("%s: publish round %d: %w", r.d.Name, id, ctxerr.Ended(ctx, err))
	}
	if n == 0 {
		return store.ErrNoRound
	}
	return nil
}

// round reads a row of roundColumns.
func (r Rounds[T]) round(s rowscan.Scanner) (store.Round, error) {
	var (
		rd         store.Round
		inds, revs string
		created    T
		pubBy      *string
		pubAt      *T
	)
	err := s.Scan(&rd.ID, &rd.Period, &inds, &rd.Level, &rd.Deadline, &revs, &rd.Status, &rd.CreatedBy, &created, &pubBy, &pubAt)
	if err != nil {
		return store.Round{}, err
	}
	if err := json.Unmarshal([]byte(inds), &rd.Indicators); err != nil {
		return store.Round{}, fmt.Errorf("round %d: indicators: %w", rd.ID, err)
	}
	if err := json.Unmarshal([]byte(revs), &rd.Reviewers); err != nil {
		return store.Round{}, fmt.Errorf("round %d: reviewers: %w", rd.ID, err)
	}
	if rd.CreatedAt, err = r.at(created); err != nil {
		return store.Round{}, fmt.Errorf("round %d: created_at: %w", rd.ID, err)
	}
	if pubBy != nil {
		rd.PublishedBy = *pubBy
	}
	if pubAt != nil {
		t, err := r.at(*pubAt)
		if err != nil {
			return store.Round{}, fmt.Errorf("round %d: published_at: %w", rd.ID, err)
		}
		rd.PublishedAt = &t
	}
	return rd, nil
}

// Submissions returns the submissions of a round, by region.
func (r Rounds[T]) Submissions(ctx context.Context, round int64) ([]store.Submission, error) {
	var out []store.Submission
	err := r.db.Query(ctx, submissionsSQL, []any{round}, func(s rowscan.Scanner) error {
		sub, err := r.submission(s)
		out = append(out, sub)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: submissions of round %d: %w", r.d.Name, round, ctxerr.Ended(ctx, err))
	}
	return out, nil
}

func (r Rounds[T]) submission(s rowscan.Scanner) (store.Submission, error) {
	var (
		sub     store.Submission
		batch   *int64
		updated T
	)
	if err := s.Scan(&sub.Round, &sub.Region, &sub.Status, &sub.Comment, &batch, &sub.UpdatedBy, &updated); err != nil {
		return store.Submission{}, err
	}
	if batch != nil {
		sub.Batch = *batch
	}
	var err error
	if sub.UpdatedAt, err = r.at(updated); err != nil {
		return store.Submission{}, fmt.Errorf("submission %d/%s: updated_at: %w", sub.Round, sub.Region, err)
	}
	return sub, nil
}

// RoundValues returns the values of a round, by region and indicator.
func (r Rounds[T]) RoundValues(ctx context.Context, round int64) ([]store.RoundValue, error) {
	var out []store.RoundValue
	err := r.db.Query(ctx, valuesSQL, []any{round}, func(s rowscan.Scanner) error {
		var v store.RoundValue
		err := s.Scan(&v.Region, &v.Indicator, &v.Value, &v.Reason)
		out = append(out, v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: values of round %d: %w", r.d.Name, round, ctxerr.Ended(ctx, err))
	}
	return out, nil
}

// RoundEvents returns the transitions of one submission, oldest first.
func (r Rounds[T]) RoundEvents(ctx context.Context, round int64, region string) ([]store.RoundEvent, error) {
	var out []store.RoundEvent
	err := r.db.Query(ctx, eventsSQL, []any{round, region}, func(s rowscan.Scanner) error {
		var (
			e  store.RoundEvent
			at T
		)
		if err := s.Scan(&e.Status, &e.Comment, &e.User, &at); err != nil {
			return err
		}
		t, err := r.at(at)
		e.At = t
		out = append(out, e)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: events of %d/%s: %w", r.d.Name, round, region, ctxerr.Ended(ctx, err))
	}
	return out, nil
}

// Move carries out t in one transaction.
func (r Rounds[T]) Move(ctx context.Context, t store.Transition) (store.Submission, error) {
	var sub store.Submission
	err := r.db.Tx(ctx, func(q accountsql.Querier) error {
		var err error
		sub, err = r.MoveIn(ctx, q, t)
		return err
	})
	var conflict *store.StatusConflict
	if errors.As(err, &conflict) || errors.Is(err, store.ErrNoRound) {
		return store.Submission{}, err
	}
	if err != nil {
		return store.Submission{}, fmt.Errorf("%s: submission %d/%s to %s: %w", r.d.Name, t.Round, t.Region, t.To, ctxerr.Ended(ctx, err))
	}
	return sub, nil
}

// Moves carries out ts in one transaction, all or none.
func (r Rounds[T]) Moves(ctx context.Context, ts []store.Transition) error {
	err := r.db.Tx(ctx, func(q accountsql.Querier) error {
		for _, t := range ts {
			if _, err := r.MoveIn(ctx, q, t); err != nil {
				return err
			}
		}
		return nil
	})
	var conflict *store.StatusConflict
	if errors.As(err, &conflict) || errors.Is(err, store.ErrNoRound) {
		return err
	}
	if err != nil {
		return fmt.Errorf("%s: %d transitions: %w", r.d.Name, len(ts), ctxerr.Ended(ctx, err))
	}
	return nil
}

// MoveIn carries out t inside the transaction q belongs to (a store's
// Apply runs a changeset's transitions so). The status is read, checked,
// and written only if it is still the one read, so that two reviewers
// acting at once cannot both move the same submission.
func (r Rounds[T]) MoveIn(ctx context.Context, q accountsql.Querier, t store.Transition) (store.Submission, error) {
	cur, err := r.status(ctx, q, t.Round, t.Region)
	if err != nil {
		return store.Submission{}, err
	}
	if !slices.Contains(t.From, cur) {
		return store.Submission{}, &store.StatusConflict{Region: t.Region, Status: cur, To: t.To, From: t.From}
	}
	if err := r.write(ctx, q, t, cur); err != nil {
		return store.Submission{}, err
	}
	if t.Values != nil {
		if err := r.replaceValues(ctx, q, t.Round, t.Region, t.Values); err != nil {
			return store.Submission{}, err
		}
	}
	if _, err := q.Exec(ctx, insertEventSQL, t.Round, t.Region, t.To, t.Comment, t.User, r.stamp(t.At)); err != nil {
		return store.Submission{}, err
	}
	return r.submission(q.QueryRow(ctx, submissionSQL, t.Round, t.Region))
}

// MoveAll carries out a changeset's transitions inside its transaction,
// each recording batch.
func (r Rounds[T]) MoveAll(ctx context.Context, q accountsql.Querier, ts []store.Transition, batch int64) error {
	for _, t := range ts {
		t.Batch = batch
		if _, err := r.MoveIn(ctx, q, t); err != nil {
			return fmt.Errorf("submission %d/%s to %s: %w", t.Round, t.Region, t.To, err)
		}
	}
	return nil
}

// status is where a submission stands: NotStarted without a row;
// store.ErrNoRound when the round does not exist.
func (r Rounds[T]) status(ctx context.Context, q accountsql.Querier, round int64, region string) (string, error) {
	var id int64
	if err := q.QueryRow(ctx, roundExistsSQL, round).Scan(&id); err != nil {
		if errors.Is(err, r.d.NoRows) {
			return "", store.ErrNoRound
		}
		return "", err
	}
	var st string
	err := q.QueryRow(ctx, statusSQL, round, region).Scan(&st)
	if errors.Is(err, r.d.NoRows) {
		return store.NotStarted, nil
	}
	return st, err
}

// write inserts or updates the submission row, only while it still holds
// cur; a row that changed in between is a conflict.
func (r Rounds[T]) write(ctx context.Context, q accountsql.Querier, t store.Transition, cur string) error {
	var batch any
	if t.Batch != 0 {
		batch = t.Batch
	}
	var n int64
	var err error
	if cur == store.NotStarted {
		n, err = q.Exec(ctx, insertSubmissionSQL, t.Round, t.Region, t.To, t.Comment, batch, t.User, r.stamp(t.At))
	} else {
		n, err = q.Exec(ctx, updateSubmissionSQL, t.Round, t.Region, t.To, t.Comment, batch, t.User, r.stamp(t.At), cur)
	}
	if err != nil {
		return err
	}
	if n != 1 {
		return &store.StatusConflict{Region: t.Region, Status: "changed meanwhile", To: t.To, From: t.From}
	}
	return nil
}

func (r Rounds[T]) replaceValues(ctx context.Context, q accountsql.Querier, round int64, region string, vs []store.RoundValue) error {
	if _, err := q.Exec(ctx, deleteValuesSQL, round, region); err != nil {
		return err
	}
	for _, v := range vs {
		if _, err := q.Exec(ctx, insertValueSQL, round, region, v.Indicator, v.Value, v.Reason); err != nil {
			return err
		}
	}
	return nil
}
