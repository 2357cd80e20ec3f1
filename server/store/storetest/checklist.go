package storetest

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// checklistEntries returns the entries s loads, by key.
func checklistEntries(t *testing.T, s store.Store) map[analytics.ChecklistKey]analytics.ChecklistEntry {
	t.Helper()
	out := map[analytics.ChecklistKey]analytics.ChecklistEntry{}
	for _, e := range mustLoad(t, s).Checklist {
		out[e.Key()] = e
	}
	return out
}

// checkEntry compares a loaded entry with the one written, whose file data
// Load leaves out.
func checkEntry(t *testing.T, what string, got map[analytics.ChecklistKey]analytics.ChecklistEntry, want analytics.ChecklistEntry) {
	t.Helper()
	if want.File != nil {
		f := *want.File
		f.Data = nil
		want.File = &f
	}
	if g, ok := got[want.Key()]; !ok || !reflect.DeepEqual(g, want) {
		t.Errorf("%s: loaded %+v (file %+v), want %+v (file %+v)", what, g, g.File, want, want.File)
	}
}

func checkFile(t *testing.T, s store.Store, k analytics.ChecklistKey, want []byte) {
	t.Helper()
	data, err := s.ChecklistFile(t.Context(), k)
	switch {
	case want == nil && !errors.Is(err, store.ErrNoFile):
		t.Errorf("ChecklistFile(%v) = %d bytes, %v; want ErrNoFile", k, len(data), err)
	case want != nil && (err != nil || !bytes.Equal(data, want)):
		t.Errorf("ChecklistFile(%v) = %q, %v; want %q", k, data, err, want)
	}
}

func testChecklist(t *testing.T, s store.Store) {
	mustApply(t, s, newModel(), Fixture())
	at := time.Date(2025, 3, 1, 8, 30, 0, 123456789, time.FixedZone("CST", 8*3600))
	reviewed := us(at.Add(time.Hour))
	pdf := []byte("%PDF-1.4 会议纪要\x00\x01")
	withFile := analytics.ChecklistEntry{Item: "t20_coordination_body", Region: CountyCode, Period: 2013,
		Status: analytics.Done, Evidence: "成立了协调领导小组", Link: "https://example.org/文件",
		File:      &analytics.EvidenceFile{Name: "纪要.pdf", Type: "application/pdf", Size: int64(len(pdf)), SHA256: "ab12", Data: pdf},
		UpdatedBy: "county-dm", UpdatedAt: at, Review: analytics.ReviewApproved, Reviewer: "city-dm",
		ReviewNote: "ok", ReviewedAt: &reviewed}
	plain := analytics.ChecklistEntry{Item: "t01_service_station", Region: UrbanCode, Period: 2014,
		Status: analytics.InProgress, UpdatedBy: "u", UpdatedAt: at, Review: analytics.ReviewPending}
	c := &store.Changeset{Kind: "checklist", Source: "t20_coordination_body " + CountyCode, Checklist: []analytics.ChecklistEntry{withFile, plain}}
	if b, err := s.Apply(t.Context(), c); err != nil || b.Rows != 2 {
		t.Fatalf("Apply(checklist) = %+v, %v; want a batch of 2 rows", b, err)
	}
	// Times come back in UTC, to the microsecond.
	withFile.UpdatedAt, plain.UpdatedAt = us(at), us(at)
	got := checklistEntries(t, s)
	checkEntry(t, "entry with a file", got, withFile)
	checkEntry(t, "entry without", got, plain)
	checkFile(t, s, withFile.Key(), pdf)
	checkFile(t, s, plain.Key(), nil)

	// The file described without data is kept; the status changes.
	kept := withFile
	kept.Status, kept.Review, kept.Reviewer, kept.ReviewNote, kept.ReviewedAt = analytics.InProgress, analytics.ReviewPending, "", "", nil
	kept.File = &analytics.EvidenceFile{Name: "纪要.pdf", Type: "application/pdf", Size: int64(len(pdf)), SHA256: "ab12"}
	mustApplyChecklist(t, s, kept)
	checkEntry(t, "entry keeping its file", checklistEntries(t, s), kept)
	checkFile(t, s, kept.Key(), pdf)

	// Without a file the file is removed.
	gone := kept
	gone.File = nil
	mustApplyChecklist(t, s, gone)
	checkEntry(t, "entry without its file", checklistEntries(t, s), gone)
	checkFile(t, s, gone.Key(), nil)

	// An entry of an unknown region fails the whole changeset, files too.
	before := mustLoad(t, s)
	bad := analytics.ChecklistEntry{Item: "t01_service_station", Region: "999999999999", Period: 2013, Status: analytics.Done,
		UpdatedAt: at, Review: analytics.ReviewPending}
	again := withFile
	_, err := s.Apply(t.Context(), &store.Changeset{Kind: "checklist", Checklist: []analytics.ChecklistEntry{again, bad}})
	var re *store.RecordError
	if !errors.As(err, &re) || re.Key != "t01_service_station/999999999999/2013" {
		t.Fatalf("Apply with an unknown region: %v; want a RecordError naming the entry", err)
	}
	if after := mustLoad(t, s); !reflect.DeepEqual(after.Checklist, before.Checklist) || len(after.Batches) != len(before.Batches) {
		t.Errorf("a failed Apply changed the checklist: %+v", after.Checklist)
	}
	checkFile(t, s, again.Key(), nil)
}

func mustApplyChecklist(t *testing.T, s store.Store, e analytics.ChecklistEntry) {
	t.Helper()
	if _, err := s.Apply(t.Context(), &store.Changeset{Kind: "checklist", Checklist: []analytics.ChecklistEntry{e}}); err != nil {
		t.Fatalf("Apply(%v): %v", e.Key(), err)
	}
}
