// Package store defines the system of record of Community Atlas: one
// interface with two implementations, the embedded SQLite store (sqlite/) and
// the PostgreSQL + PostGIS store (postgis/), both held to the contract suite
// in storetest/.
package store

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
)

// ErrNotReady is returned when the store cannot be reached.
var ErrNotReady = errors.New("store: not reachable")

// ErrNoFile is returned for the evidence file of a checklist entry that has
// none.
var ErrNoFile = errors.New("store: no evidence file")

// Changeset is one write: everything in it is applied in one transaction or
// not at all. Regions upsert by code, observations by (indicator, region,
// period), facilities by id, grids by code, networks by name (a network is
// replaced whole), checklist entries by (item, region, period) — an entry's
// evidence file replaced when the entry carries its data, kept when it
// describes the file without data, removed when it has none. RemoveRegions
// are deleted after the upserts, in the order given (children before
// parents), each with its observations and checklist entries; one that
// still holds a child region, a facility or a grid fails the write as a
// RecordError naming it (the importer refuses such a removal with a
// listing first; the store's foreign keys guard the rest).
type Changeset struct {
	Kind   string // boundaries, observations, facilities, grids, osm, targets or seed
	Source string // file name, for the batch record
	User   string // who writes it, for the batch record; empty for the seeds and the command line
	// Report is the import's report as JSON, kept with the batch.
	Report        json.RawMessage
	RemoveRegions []string
	Regions       []analytics.Region
	Observations  []analytics.Observation
	Facilities    []analytics.Facility
	Grids         []analytics.Grid
	Networks      []*network.Network
	Checklist     []analytics.ChecklistEntry
	// Targets upsert by (indicator, region, period): a region's own target
	// (annex quota).
	Targets []analytics.TargetOverride
	// Transitions move round submissions in the same transaction, each
	// recording the new batch's id (a reviewer's approval publishes the
	// values and marks the submissions approved together, or neither).
	// They are not rows of the batch, and an undo leaves them.
	Transitions []Transition
}

// Rows counts the records in the changeset.
// Undoable reports whether the store keeps what c replaces, so that its
// batch can be undone. Batches that remove regions or write checklist
// entries or targets are not kept: their undo is refused as for a batch
// written before history was kept.
func (c *Changeset) Undoable() bool {
	return len(c.RemoveRegions) == 0 && len(c.Checklist) == 0 && len(c.Targets) == 0
}

func (c *Changeset) Rows() int {
	return len(c.Regions) + len(c.Observations) + len(c.Facilities) + len(c.Grids) + len(c.Networks) + len(c.RemoveRegions) + len(c.Checklist) + len(c.Targets)
}

// Store is the system of record.
type Store interface {
	// Load reads the whole dataset, for building a snapshot.
	Load(ctx context.Context) (*analytics.Dataset, error)
	// Apply writes a changeset in one transaction and records it as a batch;
	// observations in it get the new batch's id. On error nothing is written.
	Apply(ctx context.Context, c *Changeset) (analytics.Batch, error)
	// BatchReport is the report recorded with batch id (nil when it has
	// none), or ErrNoBatch.
	BatchReport(ctx context.Context, id int64) (json.RawMessage, error)
	// Empty reports whether the store holds no regions yet (so it needs seeding).
	Empty(ctx context.Context) (bool, error)
	// Ping checks that the store is reachable.
	Ping(ctx context.Context) error
	// ChecklistFile returns the evidence file of a checklist entry, which
	// Load leaves out; ErrNoFile when the entry has none.
	ChecklistFile(ctx context.Context, k analytics.ChecklistKey) ([]byte, error)
	// Close releases the store's resources.
	Close() error
	// Accounts holds the users, their tokens and the audit log.
	Accounts
	// History holds what each batch replaced, and undoes batches.
	History
	// Rounds holds the yearly rounds and their submissions.
	Rounds
}

// Watcher is a store that announces batches written by any process, so
// that several atlas processes on one database each reload promptly.
type Watcher interface {
	// Watch calls changed with a batch id after each commit, and with 0
	// when it may have missed some (after reconnecting), until ctx ends.
	Watch(ctx context.Context, changed func(batch int64))
}
