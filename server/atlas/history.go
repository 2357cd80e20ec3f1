package atlas

import (
	"context"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/store"
)

// BatchInfo is a batch as the history lists it: what the store keeps, and
// the user who wrote it where the audit log names one.
type BatchInfo struct {
	store.BatchRecord
	User string
}

// ValueChange is a change to one value with the user who made it.
type ValueChange struct {
	store.ValueChange
	User string
}

// Batches lists batches newest first (see store.History.Batches).
func (a *Atlas) Batches(ctx context.Context, kind string, limit int, before int64) ([]BatchInfo, error) {
	bs, err := a.store.Batches(ctx, kind, limit, before)
	if err != nil {
		return nil, err
	}
	return a.withUsers(ctx, bs)
}

// Batch returns one batch; store.ErrNoBatch if there is none.
func (a *Atlas) Batch(ctx context.Context, id int64) (BatchInfo, error) {
	b, err := a.store.Batch(ctx, id)
	if err != nil {
		return BatchInfo{}, err
	}
	bs, err := a.withUsers(ctx, []store.BatchRecord{b})
	if err != nil {
		return BatchInfo{}, err
	}
	return bs[0], nil
}

func (a *Atlas) withUsers(ctx context.Context, bs []store.BatchRecord) ([]BatchInfo, error) {
	ids := make([]int64, len(bs))
	for i, b := range bs {
		ids[i] = b.ID
	}
	users, err := a.store.BatchAuthors(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]BatchInfo, len(bs))
	for i, b := range bs {
		out[i] = BatchInfo{BatchRecord: b, User: users[b.ID]}
	}
	return out, nil
}

// RegionHistory is every change to the values of region code (of one
// indicator, when it is not empty), with who made it.
func (a *Atlas) RegionHistory(ctx context.Context, code, indicator string) ([]ValueChange, error) {
	cs, err := a.store.RegionHistory(ctx, code, indicator)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.Batch.ID
	}
	users, err := a.store.BatchAuthors(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ValueChange, len(cs))
	for i, c := range cs {
		out[i] = ValueChange{ValueChange: c, User: users[c.Batch.ID]}
	}
	return out, nil
}

// Undo undoes batch id as a new batch and reloads. A writer limited to
// region may undo only a batch whose rows, as they are now and as the
// batch found them, all lie inside it (the rule of imports, see
// checkScope); road networks are shared by every region, so only an
// unlimited writer undoes a batch that wrote one.
func (a *Atlas) Undo(ctx context.Context, id int64, w Writer) (analytics.Batch, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	if w.Region != "" {
		if err := a.checkUndoScope(ctx, id, w.Region); err != nil {
			return analytics.Batch{}, err
		}
	}
	b, err := a.store.Undo(ctx, id, w.User)
	if err != nil {
		return analytics.Batch{}, err
	}
	a.log.Info("batch undone", "batch", id, "undo", b.ID, "rows", b.Rows)
	return b, a.reloadAfterImport(ctx)
}

func (a *Atlas) checkUndoScope(ctx context.Context, id int64, region string) error {
	whole := a.Snapshot()
	if _, ok := whole.Region(region); !ok {
		return scopeGone(region)
	}
	sc, err := a.store.BatchScope(ctx, id)
	if err != nil {
		return err
	}
	var outside []msg.Message
	if sc.Networks {
		outside = append(outside, networksRow)
	}
	for _, code := range sc.Regions {
		// A region the atlas no longer holds is judged by its parent,
		// which the scope lists too.
		if _, ok := whole.Region(code); ok && !whole.Within(code, region) {
			outside = append(outside, msg.New("region %s", code))
		}
	}
	if len(outside) > 0 {
		return &ForbiddenError{Reason: "your account is limited to region %s; batch %d has rows outside it", Args: []any{region, id}, Rows: outside}
	}
	return nil
}
