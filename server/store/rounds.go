package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// A round is the yearly collection of figures: an admin opens it for a
// period, its indicators are reported by every region of one level
// (community or township) by a deadline, county reviewers approve or
// return each region's submission, and an admin publishes it once done.
// A submission's values stay in the round, apart from the observations,
// until it is approved: the service then writes them as an ordinary
// observation batch, whose id the submission keeps.

// The statuses of a round.
const (
	RoundOpen      = "open"
	RoundPublished = "published"
)

// The statuses of a submission. NotStarted is never stored: it is a
// region without a submission row.
const (
	NotStarted = "not_started"
	Draft      = "draft"
	Submitted  = "submitted"
	Returned   = "returned"
	Approved   = "approved"
)

// ErrNoRound is returned for a round id that does not exist.
var ErrNoRound = errors.New("store: no such round")

// Round is one round as opened.
type Round struct {
	ID         int64
	Period     int
	Indicators []string
	Level      string // community or township: the level whose regions report
	Deadline   string // YYYY-MM-DD, the last day to submit
	// Reviewers are usernames or county codes: a user named here, or
	// limited to a county named here, reviews the submissions of the
	// regions inside their county.
	Reviewers   []string
	Status      string
	CreatedBy   string
	CreatedAt   time.Time
	PublishedBy string
	PublishedAt *time.Time
}

// Submission is where one reporting region stands in a round.
type Submission struct {
	Round  int64
	Region string
	Status string
	// Comment is the reviewer's comment when returned (kept until the next
	// transition).
	Comment   string
	Batch     int64 // the observation batch its approval wrote; 0 before
	UpdatedBy string
	UpdatedAt time.Time
}

// RoundValue is one value a region reports in a round, with the reason
// given for a change from last year that needs one.
type RoundValue struct {
	Region    string
	Indicator string
	Value     float64
	Reason    string
}

// RoundEvent is one transition of a submission: the status it moved to,
// who moved it, when, and the comment given.
type RoundEvent struct {
	Status  string
	User    string
	At      time.Time
	Comment string
}

// Transition moves a submission from one of From to To; Values, when not
// nil, replace the region's values in the same transaction (a saved
// draft), and Batch is recorded on approval.
type Transition struct {
	Round   int64
	Region  string
	From    []string
	To      string
	User    string
	At      time.Time
	Comment string
	Values  []RoundValue
	Batch   int64
}

// StatusConflict is a transition refused because the submission is not in
// a status it may leave that way: nothing was written.
type StatusConflict struct {
	Region string
	Status string   // where it stands
	To     string   // where it was to go
	From   []string // the statuses it may go there from
}

func (e *StatusConflict) Error() string {
	f, args := e.MessageFormat()
	return fmt.Sprintf(f, args...)
}

// MessageFormat is the error's format and arguments, so that the server
// can say it in the request's language.
func (e *StatusConflict) MessageFormat() (string, []any) {
	return "the submission of region %s is %s; only one that is %s can become %s",
		[]any{e.Region, e.Status, strings.Join(e.From, " or "), e.To}
}

// Rounds keeps the rounds, their submissions, values and events. Like the
// accounts they are not part of the snapshot: each call is its own
// transaction.
type Rounds interface {
	// CreateRound inserts r (status open) and sets its ID.
	CreateRound(ctx context.Context, r *Round) error
	// ListRounds returns every round, newest first.
	ListRounds(ctx context.Context) ([]Round, error)
	// GetRound returns round id, or ErrNoRound.
	GetRound(ctx context.Context, id int64) (Round, error)
	// PublishRound marks round id published by user at; ErrNoRound.
	PublishRound(ctx context.Context, id int64, user string, at time.Time) error
	// Submissions returns the submissions of round id, by region; regions
	// not started have none.
	Submissions(ctx context.Context, round int64) ([]Submission, error)
	// RoundValues returns the values of round id, by region and indicator.
	RoundValues(ctx context.Context, round int64) ([]RoundValue, error)
	// Move carries out a transition in one transaction: *StatusConflict
	// with nothing written when the submission is not in one of t.From.
	Move(ctx context.Context, t Transition) (Submission, error)
	// Moves carries out transitions in one transaction, all or none: the
	// first *StatusConflict (or other failure) leaves nothing written.
	Moves(ctx context.Context, ts []Transition) error
	// RoundEvents returns the transitions of one region's submission,
	// oldest first.
	RoundEvents(ctx context.Context, round int64, region string) ([]RoundEvent, error)
}
