package storetest

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// testRounds plays a round through the store: opened, a region's draft
// saved, submitted, returned, resubmitted, approved, the round published;
// a transition from the wrong status is refused with nothing written.
func testRounds(t *testing.T, s store.Store) {
	ctx := t.Context()
	opened := time.Date(2026, 1, 5, 9, 0, 0, 123456789, time.FixedZone("CST", 8*3600))
	r := store.Round{Period: 2025, Indicators: []string{"mass_incidents", "committee_members"}, Level: "community",
		Deadline: "2026-03-31", Reviewers: []string{"320602", "崇川审核"}, CreatedBy: "admin", CreatedAt: opened}
	if err := s.CreateRound(ctx, &r); err != nil {
		t.Fatalf("CreateRound: %v", err)
	}
	want := r
	want.Status, want.CreatedAt = store.RoundOpen, us(opened)
	if got, err := s.GetRound(ctx, r.ID); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("GetRound(%d) = %+v, %v;\nwant %+v", r.ID, got, err, want)
	}
	later := store.Round{Period: 2026, Indicators: []string{"mass_incidents"}, Level: "township", Deadline: "2027-03-31",
		Reviewers: []string{}, CreatedBy: "admin", CreatedAt: opened}
	if err := s.CreateRound(ctx, &later); err != nil {
		t.Fatalf("CreateRound: %v", err)
	}
	if got, err := s.ListRounds(ctx); err != nil || len(got) != 2 || got[0].ID != later.ID || got[1].ID != r.ID {
		t.Fatalf("ListRounds = %+v, %v; want rounds %d then %d", got, err, later.ID, r.ID)
	}
	if _, err := s.GetRound(ctx, missingID); !errors.Is(err, store.ErrNoRound) {
		t.Fatalf("GetRound(missing) error %v, want ErrNoRound", err)
	}

	at := opened.Add(time.Hour)
	move := func(tr store.Transition) store.Submission {
		t.Helper()
		tr.Round, tr.Region, tr.At = r.ID, "320602001001", at
		sub, err := s.Move(ctx, tr)
		if err != nil {
			t.Fatalf("Move to %s: %v", tr.To, err)
		}
		if sub.Status != tr.To || sub.UpdatedBy != tr.User || !sub.UpdatedAt.Equal(us(at)) || sub.Comment != tr.Comment {
			t.Fatalf("Move to %s = %+v", tr.To, sub)
		}
		return sub
	}
	draft := []store.RoundValue{
		{Region: "320602001001", Indicator: "committee_members", Value: 9},
		{Region: "320602001001", Indicator: "mass_incidents", Value: 40, Reason: "两起群体事件"},
	}
	move(store.Transition{From: []string{store.NotStarted, store.Draft}, To: store.Draft, User: "dm", Values: draft})
	move(store.Transition{From: []string{store.Draft}, To: store.Submitted, User: "dm"})
	// A submitted region's draft cannot be saved.
	_, err := s.Move(ctx, store.Transition{Round: r.ID, Region: "320602001001", From: []string{store.NotStarted, store.Draft, store.Returned},
		To: store.Draft, User: "dm", At: at, Values: []store.RoundValue{}})
	var conflict *store.StatusConflict
	if !errors.As(err, &conflict) || conflict.Status != store.Submitted {
		t.Fatalf("saving a submitted region's draft: error %v, want a StatusConflict naming submitted", err)
	}
	if got, err := s.RoundValues(ctx, r.ID); err != nil || !reflect.DeepEqual(got, draft) {
		t.Fatalf("RoundValues after a refused save = %+v, %v; want %+v", got, err, draft)
	}
	move(store.Transition{From: []string{store.Submitted}, To: store.Returned, User: "rev", Comment: "社区两委人数有误"})
	fixed := []store.RoundValue{{Region: "320602001001", Indicator: "committee_members", Value: 7}}
	move(store.Transition{From: []string{store.NotStarted, store.Draft, store.Returned}, To: store.Draft, User: "dm", Values: fixed})
	move(store.Transition{From: []string{store.Draft}, To: store.Submitted, User: "dm"})
	sub := move(store.Transition{From: []string{store.Submitted}, To: store.Approved, User: "rev", Batch: 42})
	if sub.Batch != 42 {
		t.Fatalf("approved submission's batch %d, want 42", sub.Batch)
	}
	if got, err := s.RoundValues(ctx, r.ID); err != nil || !reflect.DeepEqual(got, fixed) {
		t.Fatalf("RoundValues = %+v, %v; want %+v", got, err, fixed)
	}
	if subs, err := s.Submissions(ctx, r.ID); err != nil || len(subs) != 1 || subs[0] != sub {
		t.Fatalf("Submissions = %+v, %v; want [%+v]", subs, err, sub)
	}
	evs, err := s.RoundEvents(ctx, r.ID, "320602001001")
	var statuses []string
	for _, e := range evs {
		statuses = append(statuses, e.Status+"/"+e.User+"/"+e.Comment)
	}
	wantEvents := []string{"draft/dm/", "submitted/dm/", "returned/rev/社区两委人数有误", "draft/dm/", "submitted/dm/", "approved/rev/"}
	if err != nil || !reflect.DeepEqual(statuses, wantEvents) {
		t.Fatalf("RoundEvents = %v, %v; want %v", statuses, err, wantEvents)
	}

	testMoves(t, s, later.ID, at)

	if _, err := s.Move(ctx, store.Transition{Round: missingID, Region: "x", From: []string{store.NotStarted}, To: store.Draft, At: at}); !errors.Is(err, store.ErrNoRound) {
		t.Fatalf("Move in a missing round: %v, want ErrNoRound", err)
	}
	if err := s.PublishRound(ctx, r.ID, "admin", at); err != nil {
		t.Fatalf("PublishRound: %v", err)
	}
	got, err := s.GetRound(ctx, r.ID)
	if err != nil || got.Status != store.RoundPublished || got.PublishedBy != "admin" || got.PublishedAt == nil || !got.PublishedAt.Equal(us(at)) {
		t.Fatalf("published round = %+v, %v", got, err)
	}
	if err := s.PublishRound(ctx, missingID, "admin", at); !errors.Is(err, store.ErrNoRound) {
		t.Fatalf("PublishRound(missing): %v, want ErrNoRound", err)
	}
}

// testMoves: transitions written together are all written, or none when
// one finds its submission in another status.
func testMoves(t *testing.T, s store.Store, round int64, at time.Time) {
	ctx := t.Context()
	draft := func(region string, v float64) store.Transition {
		return store.Transition{Round: round, Region: region, From: []string{store.NotStarted, store.Draft}, To: store.Draft, User: "dm", At: at,
			Values: []store.RoundValue{{Region: region, Indicator: "mass_incidents", Value: v}}}
	}
	if err := s.Moves(ctx, []store.Transition{draft("320602001", 1), draft("320602002", 2)}); err != nil {
		t.Fatalf("Moves: %v", err)
	}
	// The second finds 320602001 submitted: neither is written.
	if _, err := s.Move(ctx, store.Transition{Round: round, Region: "320602001", From: []string{store.Draft}, To: store.Submitted, User: "dm", At: at}); err != nil {
		t.Fatal(err)
	}
	err := s.Moves(ctx, []store.Transition{draft("320602002", 20), draft("320602001", 10)})
	var conflict *store.StatusConflict
	if !errors.As(err, &conflict) || conflict.Region != "320602001" {
		t.Fatalf("Moves over a submitted region: %v, want a StatusConflict naming it", err)
	}
	want := []store.RoundValue{{Region: "320602001", Indicator: "mass_incidents", Value: 1}, {Region: "320602002", Indicator: "mass_incidents", Value: 2}}
	if got, err := s.RoundValues(ctx, round); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("RoundValues after a refused Moves = %+v, %v; want %+v", got, err, want)
	}
}

// testApprovalInApply: a changeset's transitions are written with its rows
// in one transaction, each recording the new batch; one that finds its
// submission in another status fails the whole write, and neither the
// values nor the other region's approval are kept.
func testApprovalInApply(t *testing.T, s store.Store) {
	ctx := t.Context()
	m := newModel()
	mustApply(t, s, m, Fixture())
	at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)
	r := store.Round{Period: 2025, Indicators: []string{"committee_members"}, Level: "community", Deadline: "2026-03-31",
		Reviewers: []string{}, CreatedBy: "admin", CreatedAt: at}
	if err := s.CreateRound(ctx, &r); err != nil {
		t.Fatalf("CreateRound: %v", err)
	}
	for _, tr := range []store.Transition{
		{Region: UrbanCode, From: []string{store.NotStarted}, To: store.Draft, Values: []store.RoundValue{{Region: UrbanCode, Indicator: "committee_members", Value: 7}}},
		{Region: UrbanCode, From: []string{store.Draft}, To: store.Submitted},
		{Region: RuralCode, From: []string{store.NotStarted}, To: store.Draft, Values: []store.RoundValue{{Region: RuralCode, Indicator: "committee_members", Value: 5}}},
	} {
		tr.Round, tr.User, tr.At = r.ID, "dm", at
		if _, err := s.Move(ctx, tr); err != nil {
			t.Fatalf("Move %s to %s: %v", tr.Region, tr.To, err)
		}
	}
	approve := func(region string) store.Transition {
		return store.Transition{Round: r.ID, Region: region, From: []string{store.Submitted}, To: store.Approved, User: "rev", At: at}
	}
	obs := func(region string, v float64) analytics.Observation {
		return analytics.Observation{Indicator: "committee_members", Region: region, Period: 2025, Value: v}
	}
	// The rural region is a draft, not submitted: the whole write fails.
	bad := &store.Changeset{Kind: "observations", Source: "round", Observations: []analytics.Observation{obs(UrbanCode, 7), obs(RuralCode, 5)},
		Transitions: []store.Transition{approve(UrbanCode), approve(RuralCode)}}
	var conflict *store.StatusConflict
	if _, err := s.Apply(ctx, bad); !errors.As(err, &conflict) || conflict.Region != RuralCode || conflict.Status != store.Draft {
		t.Fatalf("approving a draft with a submitted region: error %v, want a StatusConflict naming %s in draft", err, RuralCode)
	}
	check(t, s, m)
	statuses := map[string]string{}
	subs, err := s.Submissions(ctx, r.ID)
	for _, sub := range subs {
		statuses[sub.Region] = sub.Status
	}
	if want := map[string]string{UrbanCode: store.Submitted, RuralCode: store.Draft}; err != nil || !reflect.DeepEqual(statuses, want) {
		t.Fatalf("after the failed approval: submissions %v, %v; want %v", statuses, err, want)
	}
	good := &store.Changeset{Kind: "observations", Source: "round", Observations: []analytics.Observation{obs(UrbanCode, 7)},
		Transitions: []store.Transition{approve(UrbanCode)}}
	b := mustApply(t, s, m, good)
	check(t, s, m)
	subs, err = s.Submissions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range subs {
		if sub.Region == UrbanCode && (sub.Status != store.Approved || sub.Batch != b.ID) {
			t.Fatalf("approved submission %+v, want approved with batch %d", sub, b.ID)
		}
	}
}
