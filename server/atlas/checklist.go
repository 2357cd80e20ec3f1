package atlas

import (
	"context"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/store"
)

// ErrNoEntry is returned for a review of a checklist entry nobody has
// reported.
var ErrNoEntry = msg.Errorf("no checklist entry")

// StateError is a write the entry's current state does not allow, such as
// approving an entry that is not done: Reason formatted with Args (an
// English format of the message catalogue).
type StateError struct {
	Reason string
	Args   []any
}

func (e *StateError) Error() string { return e.In(msg.EN) }

// In says the error in l.
func (e *StateError) In(l msg.Lang) string { return msg.New(e.Reason, e.Args...).In(l) }

// Actor is who writes: the username and the region they are limited to
// (empty for the whole atlas).
type Actor struct {
	Name   string
	Region string
	Admin  bool // an admin, who reviews every round without being named
}

// ChecklistUpdate is a report on one item: status, evidence and link as
// they are to be, and the evidence file — replaced by File (with its data),
// removed with RemoveFile, else kept.
type ChecklistUpdate struct {
	Status     analytics.ChecklistStatus
	Evidence   string
	Link       string
	File       *analytics.EvidenceFile
	RemoveFile bool
}

// SetChecklist writes a region's report on an item for a year as one
// batch, inside the actor's region (checkScope), and returns the entry as
// stored. Any change sends the entry back to review: the review state
// becomes pending and the reviewer is cleared.
func (a *Atlas) SetChecklist(ctx context.Context, k analytics.ChecklistKey, u ChecklistUpdate, by Actor, at time.Time) (*analytics.ChecklistEntry, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	s := a.Snapshot()
	e := analytics.ChecklistEntry{Item: k.Item, Region: k.Region, Period: k.Period, Status: u.Status,
		Evidence: u.Evidence, Link: u.Link, UpdatedBy: by.Name, UpdatedAt: at, Review: analytics.ReviewPending}
	if old, ok := s.ChecklistEntry(k); ok && !u.RemoveFile {
		e.File = old.File // described, without data: the store keeps the bytes
	}
	if u.File != nil {
		e.File = u.File
	}
	return a.writeEntry(ctx, s, e, by)
}

// ReviewChecklist records a reviewer's verdict on an entry. The reviewer
// must be someone other than its last writer, limited to a region strictly
// above the entry's (or to none): a county's entries are reviewed by the
// city, a township's by its county or the city. Only a done entry can be
// approved; any entry can be returned.
func (a *Atlas) ReviewChecklist(ctx context.Context, k analytics.ChecklistKey, state analytics.ReviewState, note string, by Actor, at time.Time) (*analytics.ChecklistEntry, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	s := a.Snapshot()
	old, ok := s.ChecklistEntry(k)
	if !ok {
		return nil, msg.Errorf("%w: region %s has not reported item %s for %d", ErrNoEntry, k.Region, k.Item, k.Period)
	}
	if err := canReview(s, old, by); err != nil {
		return nil, err
	}
	if state == analytics.ReviewApproved && old.Status != analytics.Done {
		return nil, &StateError{Reason: "item %s of region %s is %s, not done: only a done item can be approved", Args: []any{k.Item, k.Region, msg.New(string(old.Status))}}
	}
	e := *old
	e.Review, e.Reviewer, e.ReviewNote, e.ReviewedAt = state, by.Name, note, &at
	return a.writeEntry(ctx, s, e, by)
}

// canReview applies the reviewer rule of ReviewChecklist.
func canReview(s *analytics.Snapshot, e *analytics.ChecklistEntry, by Actor) error {
	if by.Name == e.UpdatedBy {
		return Forbidden("you wrote the last report on item %s of region %s; someone else must review it", e.Item, e.Region)
	}
	if by.Region == "" {
		return nil
	}
	if by.Region == e.Region || !s.Within(e.Region, by.Region) {
		return Forbidden("your account is limited to region %s; entries of region %s are reviewed from a region above it", by.Region, e.Region)
	}
	return nil
}

// writeEntry writes e as one batch after the scope check and returns it as
// the new snapshot holds it.
func (a *Atlas) writeEntry(ctx context.Context, s *analytics.Snapshot, e analytics.ChecklistEntry, by Actor) (*analytics.ChecklistEntry, error) {
	cs := &store.Changeset{Kind: "checklist", Source: fmt.Sprintf("%s %s %d", e.Item, e.Region, e.Period),
		Checklist: []analytics.ChecklistEntry{e}}
	if err := checkScope(s, by.Region, cs); err != nil {
		return nil, err
	}
	if _, err := a.apply(ctx, cs); err != nil {
		return nil, err
	}
	got, ok := a.Snapshot().ChecklistEntry(e.Key())
	if !ok { // another process's newer snapshot cannot lose it: entries are only ever upserted
		return nil, fmt.Errorf("checklist entry %v missing after its write", e.Key())
	}
	return got, nil
}

// ChecklistFile returns an entry's evidence file and its description.
func (a *Atlas) ChecklistFile(ctx context.Context, s *analytics.Snapshot, k analytics.ChecklistKey) (*analytics.EvidenceFile, []byte, error) {
	e, ok := s.ChecklistEntry(k)
	if !ok || e.File == nil {
		return nil, nil, store.ErrNoFile
	}
	data, err := a.store.ChecklistFile(ctx, k)
	if err != nil {
		return nil, nil, err
	}
	return e.File, data, nil
}
