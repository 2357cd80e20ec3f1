package history

import (
	"context"
	"fmt"

	"github.com/community-atlas/atlas/server/store"
)

// Methods are a store's history reads (store.History but Undo), with the
// store's name on every error. A store embeds them, so the dialects do
// not each forward the same five calls.
type Methods[T any] struct {
	reader Reader[T]
	name   string
}

// NewMethods serves the history that r reads, errors prefixed with name.
func NewMethods[T any](r Reader[T], name string) Methods[T] {
	return Methods[T]{reader: r, name: name}
}

// Batches lists batches, newest first.
func (m Methods[T]) Batches(ctx context.Context, kind string, limit int, before int64) ([]store.BatchRecord, error) {
	b, err := m.reader.Batches(ctx, kind, limit, before)
	return b, m.wrap(err)
}

// Batch returns one batch.
func (m Methods[T]) Batch(ctx context.Context, id int64) (store.BatchRecord, error) {
	b, err := m.reader.Batch(ctx, id)
	return b, m.wrap(err)
}

// BatchScope says where a batch's rows lie.
func (m Methods[T]) BatchScope(ctx context.Context, id int64) (store.BatchScope, error) {
	b, err := m.reader.BatchScope(ctx, id)
	return b, m.wrap(err)
}

// RegionHistory is every change to a region's observations.
func (m Methods[T]) RegionHistory(ctx context.Context, code, indicator string) ([]store.ValueChange, error) {
	c, err := m.reader.RegionHistory(ctx, code, indicator)
	return c, m.wrap(err)
}

// BatchAuthors names the users who wrote batches.
func (m Methods[T]) BatchAuthors(ctx context.Context, ids []int64) (map[int64]string, error) {
	a, err := m.reader.BatchAuthors(ctx, ids)
	return a, m.wrap(err)
}

func (m Methods[T]) wrap(err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", m.name, err)
	}
	return nil
}
