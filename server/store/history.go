package store

import (
	"context"
	"errors"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
)

// Every batch keeps what it replaced: for each key it wrote (a region's
// code, an observation's indicator/region/period, a facility's id, a grid's
// code, a network's name) the record as it was before, or that there was
// none. Undo writes those records back as a new batch, which keeps what it
// replaced in turn and so can be undone too.
//
// An undo is refused (UndoConflict) when a later batch has since written
// one of the batch's keys and the key does not hold what the batch wrote:
// restoring only the untouched keys would leave a mix that no batch ever
// wrote, and restoring them all would silently drop the later batch's
// work. The later batch is named, so it can be undone first. A later batch
// that was itself undone no longer stands in the way.

// ErrNoBatch is returned for a batch id that does not exist.
var ErrNoBatch = errors.New("no such batch")

// UndoConflict is an undo refused: nothing was written.
type UndoConflict struct {
	Batch  int64  // the batch to undo
	Later  int64  // the later batch in the way; 0 when the reason is another
	Key    string // the record it concerns, as "type key"
	Reason string
}

func (e *UndoConflict) Error() string { return e.In(msg.EN) }

// In says the refusal in l: Reason is an English sentence of the message
// catalogue, and Key's record type ("region 3206") a word of it.
func (e *UndoConflict) In(l msg.Lang) string {
	key := msg.New(e.Key)
	if typ, rest, ok := strings.Cut(e.Key, " "); ok {
		key = msg.New("%s %s", msg.New(typ), rest)
	}
	reason := msg.New(e.Reason)
	if e.Later != 0 {
		return msg.New("batch %d cannot be undone: %s was changed since by batch %d; undo batch %d first", e.Batch, key, e.Later, e.Later).In(l)
	}
	if e.Key != "" {
		return msg.New("batch %d cannot be undone: %s %s", e.Batch, key, reason).In(l)
	}
	return msg.New("batch %d cannot be undone: %s", e.Batch, reason).In(l)
}

// BatchRecord is a batch with what its history holds.
type BatchRecord struct {
	analytics.Batch
	// History is false for a batch written before history was kept: what
	// it replaced is unknown and it cannot be undone.
	History bool
	// Undoes is the batch this one undid; 0 for an import.
	Undoes int64
	// UndoneBy is the latest batch that undid this one; 0 if none.
	UndoneBy int64
	// Counts is how many keys of each record type it wrote: regions,
	// observations, facilities, grids, networks.
	Counts map[string]int
}

// ValueChange is what one batch did to one observation.
type ValueChange struct {
	Indicator string
	Period    int
	Batch     BatchRecord
	// Value is the value once the batch was written; nil when it left
	// none (an undo of the value's first import).
	Value *float64
	// Previous is the value before, nil when there was none, and
	// PreviousBatch the batch it came from (0 when none, or unknown).
	Previous      *float64
	PreviousBatch int64
}

// BatchScope is where undoing a batch would write, for deciding who may
// undo it.
type BatchScope struct {
	// Regions are the codes of every region the batch wrote, their parents
	// now and as the batch found them, and the regions its observations,
	// facilities and grids belong to now and as the batch found them.
	Regions []string
	// Networks is whether it wrote road networks, which every region
	// shares.
	Networks bool
}

// History reads what batches replaced and undoes them. Both stores keep
// it in the same tables (migration 00010).
type History interface {
	// Batches lists up to limit batches with id below before (all when 0),
	// of the given kind (every kind when empty), newest first.
	Batches(ctx context.Context, kind string, limit int, before int64) ([]BatchRecord, error)
	// Batch returns one batch; ErrNoBatch if there is none.
	Batch(ctx context.Context, id int64) (BatchRecord, error)
	// BatchScope says where undoing batch id would write: its keys as
	// they are now and as it found them; ErrNoBatch if none.
	BatchScope(ctx context.Context, id int64) (BatchScope, error)
	// Undo writes back what batch id replaced, as a new batch of kind
	// "undo", in one transaction: ErrNoBatch, or *UndoConflict with
	// nothing written.
	Undo(ctx context.Context, id int64, user string) (analytics.Batch, error)
	// RegionHistory is every change to the observations of region code
	// (of one indicator when it is not empty), by indicator, period and
	// batch.
	RegionHistory(ctx context.Context, code, indicator string) ([]ValueChange, error)
	// BatchAuthors names the user who wrote each batch, from the audit
	// log's import and undo entries; batches written by the command line
	// or the seeding have none.
	BatchAuthors(ctx context.Context, ids []int64) (map[int64]string, error)
}
