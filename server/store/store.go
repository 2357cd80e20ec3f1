// Package store defines the system of record of Community Atlas: one
// interface with two implementations, the embedded SQLite store (sqlite/) and
// the PostgreSQL + PostGIS store (postgis/), both held to the contract suite
// in storetest/.
package store

import (
	"context"
	"errors"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
)

// ErrNotReady is returned when the store cannot be reached.
var ErrNotReady = errors.New("store: not reachable")

// Changeset is one write: everything in it is applied in one transaction or
// not at all. Regions upsert by code, observations by (indicator, region,
// period), facilities by id, grids by code, networks by name (a network is
// replaced whole).
type Changeset struct {
	Kind         string // boundaries, observations, facilities, grids or seed
	Source       string // file name, for the batch record
	Regions      []analytics.Region
	Observations []analytics.Observation
	Facilities   []analytics.Facility
	Grids        []analytics.Grid
	Networks     []*network.Network
}

// Rows counts the records in the changeset.
func (c *Changeset) Rows() int {
	return len(c.Regions) + len(c.Observations) + len(c.Facilities) + len(c.Grids) + len(c.Networks)
}

// Store is the system of record.
type Store interface {
	// Load reads the whole dataset, for building a snapshot.
	Load(ctx context.Context) (*analytics.Dataset, error)
	// Apply writes a changeset in one transaction and records it as a batch;
	// observations in it get the new batch's id. On error nothing is written.
	Apply(ctx context.Context, c *Changeset) (analytics.Batch, error)
	// Empty reports whether the store holds no regions yet (so it needs seeding).
	Empty(ctx context.Context) (bool, error)
	// Ping checks that the store is reachable.
	Ping(ctx context.Context) error
	// Close releases the store's resources.
	Close() error
	// Accounts holds the users, their tokens and the audit log.
	Accounts
	// History holds what each batch replaced, and undoes batches.
	History
}

// Watcher is a store that announces batches written by any process, so
// that several atlas processes on one database each reload promptly.
type Watcher interface {
	// Watch calls changed with a batch id after each commit, and with 0
	// when it may have missed some (after reconnecting), until ctx ends.
	Watch(ctx context.Context, changed func(batch int64))
}
